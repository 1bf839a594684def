package org.trapline.models.sysctl;

import static org.trapline.models.device.Inspectable.hex;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * Port 80h, where firmware writes its POST codes: on the PIIX3 a byte of the DMA page register file
 * (80h-8Fh), read/write, whose writes also go out on the ISA bus. Its value at power-on is undefined
 * (here 00h) and a reset leaves it. One byte at offset 0; the PC decodes it at 80h.
 */
public final class Port80 implements IoDevice, Inspectable {
    private final boolean readsAllOnes;
    private int value;
    private int lastPostCode;

    public Port80(Set<Quirk> quirks) {
        this.readsAllOnes = quirks.contains(SysctlQuirks.PORT80_READS_ALL_ONES);
    }

    public void attach(PortIoBus io, int port) {
        io.map(Region.of("ioport80", 1, 1, 1, this, this).at(port));
    }

    @Override
    public long read(long offset, int size) {
        return readsAllOnes ? 0xff : value;
    }

    @Override
    public void write(long offset, int size, long written) {
        lastPostCode = (int) (written & 0xff);
        if (!readsAllOnes) {
            value = lastPostCode;
        }
    }

    /** The last byte written: what a POST card on the ISA bus shows. */
    public int lastPostCode() {
        return lastPostCode;
    }

    @Override
    public String deviceName() {
        return "port80";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("PORT80", hex(value));
        r.put("post", hex(lastPostCode));
        return r;
    }
}
