package org.trapline.models.fwcfg;

/**
 * One firmware configuration item: its bytes, or, for a table whose contents are not modelled
 * (ACPI, SMBIOS, option ROMs), only its size, so that the directory is right and a read of the
 * contents can be reported instead of guessed.
 */
public final class FwCfgItem {
    private final String name;
    private final byte[] data;
    private final int size;

    private FwCfgItem(String name, byte[] data, int size) {
        if (size < 0) {
            throw new IllegalArgumentException(name + ": size " + size);
        }
        this.name = name;
        this.data = data;
        this.size = size;
    }

    /** An item holding a copy of {@code data}. */
    public static FwCfgItem of(String name, byte[] data) {
        return new FwCfgItem(name, data.clone(), data.length);
    }

    /** An item of {@code size} bytes whose contents the model does not know. */
    public static FwCfgItem unmodelled(String name, int size) {
        return new FwCfgItem(name, null, size);
    }

    public String name() {
        return name;
    }

    public int size() {
        return size;
    }

    public boolean modelled() {
        return data != null;
    }

    /** The byte at {@code offset}, which must be below {@link #size()}; 0 for an unmodelled item. */
    int byteAt(int offset) {
        return data == null ? 0 : data[offset] & 0xff;
    }

    /** The bytes themselves (not a copy), or null when unmodelled. */
    byte[] bytes() {
        return data;
    }
}
