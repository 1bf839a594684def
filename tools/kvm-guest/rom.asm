; A 64 KiB PC ROM for recording a KVM ftrace: the device operations of `trapline costs`, then timer interrupts.
bits 16
org 0
start:
    cli
    mov al, 0x11
    out 0x20, al            ; 8259A ICW1: edge, cascade, ICW4
    mov al, 0x20
    out 0x21, al            ; ICW2: master vectors 20h-27h
    mov al, 0x04
    out 0x21, al            ; ICW3: slave on IR2
    mov al, 0x01
    out 0x21, al            ; ICW4: 8086 mode
    mov al, 0x11
    out 0xa0, al
    mov al, 0x28
    out 0xa1, al
    mov al, 0x02
    out 0xa1, al
    mov al, 0x01
    out 0xa1, al
    mov al, 0xfe
    out 0x21, al            ; OCW1: only IR0
    mov al, 0xff
    out 0xa1, al
    in al, 0x21
    mov al, 0x34
    out 0x43, al            ; 8254: counter 0, LSB then MSB, mode 2
    mov al, 0x9c
    out 0x40, al
    mov al, 0x2e
    out 0x40, al            ; reload 2E9Ch: about 100 Hz
    mov al, 0x0a
    out 0x70, al
    in al, 0x71             ; RTC register A (UIP)
    mov al, 0x0b
    out 0x70, al
    in al, 0x71
    mov al, 0x00
    out 0x70, al
    in al, 0x71
    mov al, 0x02
    out 0x70, al
    in al, 0x71
    mov al, 0x04
    out 0x70, al
    in al, 0x71
    mov al, 0x32
    out 0x70, al
    in al, 0x71             ; century
    mov dx, 0xcf8
    mov eax, 0x80000000
    out dx, eax
    mov dx, 0xcfc
    in eax, dx              ; 00:00.0 vendor and device
    mov dx, 0xcf8
    mov eax, 0x80000808
    out dx, eax
    mov dx, 0xcfc
    in eax, dx              ; 00:01.0 class and revision
    mov dx, 0xcfe
    in ax, dx               ; the upper word
    o32 lgdt [cs:gdtr]
    mov eax, cr0
    or al, 1
    mov cr0, eax
    jmp dword 0x08:(0xF0000 + pm - $$)
bits 32
pm:
    mov ax, 0x10
    mov ds, ax
    mov es, ax
    mov ss, ax
    mov esp, 0x8000
    lidt [0xF0000 + idtr - $$]
    mov dword [0x500], 0
    mov dword [0xfee000f0], 0x1ff   ; local APIC: software enable, spurious vector FFh
    mov eax, [0xfee00030]           ; version
    mov dword [0xfec00000], 0
    mov eax, [0xfec00010]           ; IOAPICID
    mov dword [0xfec00000], 1
    mov eax, [0xfec00010]           ; IOAPICVER
    mov dword [0xfec00000], 0x15
    mov dword [0xfec00010], 0       ; entry 2 high: destination 0
    mov dword [0xfec00000], 0x14
    mov dword [0xfec00010], 0x30    ; entry 2 low: vector 30h, fixed, edge, high, unmasked
    mov eax, [0xfec00010]
    mov eax, [0xfed00000]           ; HPET capabilities
    mov dword [0xfed00108], 0x12345678
    mov eax, [0xfed00108]           ; timer 0 comparator
    mov eax, [0xfed00100]           ; timer 0 configuration
    sti
idle:
    hlt
    cmp dword [0x500], 8
    jb idle
    cli
    mov al, 0
    out 0xf4, al                    ; isa-debug-exit
    hlt
isr20:
    push eax
    mov al, 0x20
    out 0x20, al                    ; OCW2: non-specific EOI
    inc dword [0x500]
    pop eax
    iret
isr30:
    push eax
    mov dword [0xfee000b0], 0       ; local APIC EOI
    inc dword [0x500]
    pop eax
    iret
align 8
gdt:
    dq 0
    dq 0x00CF9A000000FFFF
    dq 0x00CF92000000FFFF
gdtr:
    dw 23
    dd 0xF0000 + gdt - $$
idt:
    times 0x20 dq 0
    dw (0xF0000 + isr20 - $$) & 0xFFFF, 0x08, 0x8E00, (0xF0000 + isr20 - $$) >> 16
    times 0x0f dq 0
    dw (0xF0000 + isr30 - $$) & 0xFFFF, 0x08, 0x8E00, (0xF0000 + isr30 - $$) >> 16
idt_end:
idtr:
    dw idt_end - idt - 1
    dd 0xF0000 + idt - $$
    times 0xFFF0 - ($ - $$) db 0xf4
reset:
    jmp 0xF000:start
    times 0x10000 - ($ - $$) db 0xf4
