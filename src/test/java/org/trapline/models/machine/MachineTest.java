package org.trapline.models.machine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineTest {
    private final Machine qemu = Profile.QEMU_PC.build(MachineConfig.defaults().withRam(64L << 20));

    @Test
    void aMachineIsBuiltFromItsProfileAndConfig() {
        assertThat(qemu.profile()).isEqualTo(Profile.QEMU_PC);
        assertThat(qemu.quirks()).isEqualTo(Profile.QEMU_PC.quirks()).isNotEmpty();
        assertThat(qemu.config().ramBytes()).isEqualTo(64L << 20);
        assertThat(qemu.ram().sizeBytes()).isEqualTo(64L << 20);
        assertThat(qemu.clock().nowNs()).isZero();
        assertThat(qemu.scheduler().clock()).isSameAs(qemu.clock());
        assertThat(qemu.pci().function(1, 0)).isNotNull();
        assertThat(qemu.pic().chips()).hasSize(2);
        assertThat(Profile.HARDWARE).hasToString("hardware");
        assertThat(Profile.QEMU_PC).hasToString("qemu-pc");
    }

    @Test
    void qtestSeesThePicsAndTheIoApicByQemusObjectPaths() {
        assertThat(qemu.gpioPaths()).containsExactly("/machine/unattached/device[6]", "/machine/unattached/device[7]",
                "ioapic");
        assertThat(qemu.gpio("ioapic").count()).isEqualTo(24);
        assertThat(qemu.gpioOutputs("/machine/unattached/device[6]").count()).isEqualTo(1);
        assertThat(qemu.gpioOutputs("ioapic")).isNull();
        assertThat(qemu.gpio("/machine/ioapic")).isNull();
    }

    @Test
    void ramIsOnTheMemoryBusUpToItsSize() {
        qemu.mmio().write(0x1000, 4, 0xcafef00dL);
        assertThat(qemu.ram().read(0x1000, 4)).isEqualTo(0xcafef00dL);
        assertThat(qemu.mmio().read((64L << 20) - 4, 4)).isZero();
        assertThat(qemu.mmio().unclaimedReads()).isZero();
        assertThat(qemu.mmio().read(64L << 20, 4)).isZero();
        assertThat(qemu.mmio().unclaimedReads()).isEqualTo(1);
    }
}
