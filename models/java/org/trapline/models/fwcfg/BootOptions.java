package org.trapline.models.fwcfg;

/**
 * What QEMU's {@code -uuid} and {@code -boot} tell the firmware through fw_cfg.
 *
 * @param uuid          the machine's UUID as {@code -uuid} spells it, byte for byte (item 0002h;
 *                      hw/nvram/fw_cfg.c fw_cfg_init_common), all zeros without {@code -uuid}
 * @param menu          {@code -boot menu=on}: item 000Eh reads 1
 * @param splashTime    {@code -boot splash-time=MS}, 0-65535, or -1 when not given: the file
 *                      {@code etc/boot-menu-wait} exists only when it is given (fw_cfg_bootsplash)
 * @param rebootTimeout {@code -boot reboot-timeout=MS}, -1 (never) to 65535: the file
 *                      {@code etc/boot-fail-wait}, a 32-bit value, -1 when not given (fw_cfg_reboot)
 */
public record BootOptions(byte[] uuid, boolean menu, int splashTime, long rebootTimeout) {
    public static final int UUID_BYTES = 16;
    public static final int MAX_MILLISECONDS = 0xffff;

    public BootOptions {
        if (uuid.length != UUID_BYTES) {
            throw new IllegalArgumentException("a UUID is 16 bytes, not " + uuid.length);
        }
        if (splashTime < -1 || splashTime > MAX_MILLISECONDS) {
            throw new IllegalArgumentException("splash-time " + splashTime + " is outside 0-65535");
        }
        if (rebootTimeout < -1 || rebootTimeout > MAX_MILLISECONDS) {
            throw new IllegalArgumentException("reboot-timeout " + rebootTimeout + " is outside -1 to 65535");
        }
        uuid = uuid.clone();
    }

    /** No {@code -uuid} and no {@code -boot}. */
    public static BootOptions defaults() {
        return new BootOptions(new byte[UUID_BYTES], false, -1, -1);
    }

    @Override
    public byte[] uuid() {
        return uuid.clone();
    }

    public BootOptions withUuid(byte[] bytes) {
        return new BootOptions(bytes, menu, splashTime, rebootTimeout);
    }

    public BootOptions withMenu(boolean on) {
        return new BootOptions(uuid, on, splashTime, rebootTimeout);
    }

    public BootOptions withSplashTime(int ms) {
        return new BootOptions(uuid, menu, ms, rebootTimeout);
    }

    public BootOptions withRebootTimeout(long ms) {
        return new BootOptions(uuid, menu, splashTime, ms);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BootOptions b && java.util.Arrays.equals(uuid, b.uuid) && menu == b.menu
                && splashTime == b.splashTime && rebootTimeout == b.rebootTimeout;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(uuid) * 31 + java.util.Objects.hash(menu, splashTime, rebootTimeout);
    }

    @Override
    public String toString() {
        return "BootOptions[menu=" + menu + ", splashTime=" + splashTime + ", rebootTimeout=" + rebootTimeout + "]";
    }
}
