package org.trapline.discovery;

import org.trapline.target.TargetException;

/**
 * QEMU's firmware configuration device (QEMU docs/specs/fw_cfg.rst): select item 0000h with the
 * 16-bit selector at 510h and read the signature "QEMU" a byte at a time from 511h, then item
 * 0001h, the interface's feature bits (bit 0 traditional, bit 1 DMA), little-endian.
 */
final class FwCfgProbe implements IsaProbe {
    private static final int SELECTOR = 0x510;
    private static final int DATA = 0x511;

    @Override
    public String subject() {
        return "QEMU fw_cfg at 510h/511h";
    }

    @Override
    public Finding run(GuestPorts ports) throws TargetException {
        ports.outw(SELECTOR, 0x0000);
        StringBuilder signature = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int c = ports.inb(DATA);
            signature.append(c >= 0x20 && c < 0x7f ? Character.toString(c) : String.format("\\x%02x", c));
        }
        if (!signature.toString().equals("QEMU")) {
            return Finding.absent("signature \"" + signature + "\"");
        }
        ports.outw(SELECTOR, 0x0001);
        long features = 0;
        for (int i = 0; i < 4; i++) {
            features |= (long) ports.inb(DATA) << (8 * i);
        }
        return Finding.found(String.format("signature \"QEMU\", features %xh (%s%s)", features,
                (features & 1) != 0 ? "traditional" : "", (features & 2) != 0 ? ", DMA" : ""));
    }
}
