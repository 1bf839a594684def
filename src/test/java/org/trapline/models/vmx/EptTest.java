package org.trapline.models.vmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** SDM Vol. 3C, "EPT Translation Mechanism", "EPT Misconfigurations", "EPT Violations". */
class EptTest {

    @Test
    void pagesNeverMappedAreNotPresentDeviceMemory() {
        Ept ept = new Ept();
        assertThat(ept.permissions(0)).isEqualTo(Ept.NOT_PRESENT);
        assertThat(ept.isDevice(0x1234_5000L)).isTrue();
    }

    @Test
    void eachKindOfPageHasItsEntry() {
        Ept ept = new Ept();
        ept.mapRam(0, 0x10_0000);
        ept.passThrough(0xb8000, 0x8000);
        ept.trapByViolation(0xfed0_0000L, 0x1000);
        ept.trapByMisconfiguration(0xfec0_0000L, 0x1000);
        assertThat(ept.permissions(0x7fff)).isEqualTo(Ept.RWX);
        assertThat(ept.isDevice(0x7fff)).isFalse();
        // the later mapping wins where they overlap
        assertThat(ept.permissions(0xb8000)).isEqualTo(Ept.READ | Ept.WRITE);
        assertThat(ept.permissions(0xbffff)).isEqualTo(Ept.READ | Ept.WRITE);
        assertThat(ept.isDevice(0xb8000)).isTrue();
        assertThat(ept.permissions(0xc0000)).isEqualTo(Ept.RWX);
        assertThat(ept.permissions(0x10_0000)).isEqualTo(Ept.NOT_PRESENT);
        assertThat(ept.permissions(0xfed0_0fffL)).isEqualTo(Ept.NOT_PRESENT);
        assertThat(ept.permissions(0xfec0_0000L)).isEqualTo(Ept.WRITE);
    }

    @Test
    void manyRangesGrowTheTable() {
        Ept ept = new Ept();
        for (int i = 0; i < 40; i++) {
            ept.map(i * 0x2000L, 0x1000, i % 2 == 0 ? Ept.RWX : Ept.READ, false);
        }
        assertThat(ept.permissions(38 * 0x2000L)).isEqualTo(Ept.RWX);
        assertThat(ept.permissions(39 * 0x2000L)).isEqualTo(Ept.READ);
        assertThat(ept.permissions(39 * 0x2000L + 0x1000)).isEqualTo(Ept.NOT_PRESENT);
    }

    @Test
    void writeWithoutReadIsAMisconfigurationFoundBeforeThePermissions() {
        assertThat(Ept.check(Ept.WRITE, false)).isEqualTo(Ept.MISCONFIGURATION);
        assertThat(Ept.check(Ept.WRITE, true)).isEqualTo(Ept.MISCONFIGURATION);
        assertThat(Ept.check(Ept.WRITE | Ept.EXECUTE, true)).isEqualTo(Ept.MISCONFIGURATION);
        assertThat(Ept.check(Ept.NOT_PRESENT, false)).isEqualTo(Ept.VIOLATION);
        assertThat(Ept.check(Ept.NOT_PRESENT, true)).isEqualTo(Ept.VIOLATION);
        assertThat(Ept.check(Ept.READ, true)).isEqualTo(Ept.VIOLATION);
        assertThat(Ept.check(Ept.EXECUTE, false)).isEqualTo(Ept.VIOLATION);
        assertThat(Ept.check(Ept.READ, false)).isEqualTo(Ept.ALLOWED);
        assertThat(Ept.check(Ept.READ | Ept.WRITE, true)).isEqualTo(Ept.ALLOWED);
        assertThat(Ept.check(Ept.RWX, false)).isEqualTo(Ept.ALLOWED);
    }

    @Test
    void onlyWholePagesAreMapped() {
        Ept ept = new Ept();
        assertThatThrownBy(() -> ept.mapRam(0x800, 0x1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ept.mapRam(0, 0x800)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ept.mapRam(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ept.mapRam(-0x1000, 0x1000)).isInstanceOf(IllegalArgumentException.class);
    }
}
