package org.trapline.models.pci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;

/**
 * The qemu-pc model against QEMU 7.2's configuration space as measured by
 * tools/pci/dump_qemu_config.py (qemu-pc-config-dump.txt): every byte's reset value, and what it
 * reads after writing 0xFF, 0x00, 0xFF, 0x00 to it, with no other byte changing.
 */
class QemuConfigDumpTest {
    private static final String DUMP = "qemu-pc-config-dump.txt";

    /** One measured byte: function, offset, reset value, the four read-backs. */
    record Measured(int devfn, int offset, int reset, int[] afterWrites) {
    }

    static final Map<Integer, int[]> RESETS = new LinkedHashMap<>();
    static final List<Measured> BYTES = new ArrayList<>();

    static {
        try (InputStream in = QemuConfigDumpTest.class.getResourceAsStream(DUMP);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(" ");
                if (f[0].equals("fn")) {
                    int[] space = new int[256];
                    for (int i = 0; i < 256; i++) {
                        space[i] = Integer.parseInt(f[3].substring(2 * i, 2 * i + 2), 16);
                    }
                    RESETS.put(devfn(f[1]), space);
                } else {
                    int[] after = new int[4];
                    for (int i = 0; i < 4; i++) {
                        after[i] = Integer.parseInt(f[3 + i], 16);
                    }
                    assertThat(f).as("no side effects were measured: %s", line).hasSize(7);
                    BYTES.add(new Measured(devfn(f[0]), Integer.parseInt(f[1], 16), Integer.parseInt(f[2], 16), after));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int devfn(String bdf) {
        return Integer.parseInt(bdf.substring(3, 5), 16) << 3 | Integer.parseInt(bdf.substring(6), 16);
    }

    static long address(int devfn, int offset) {
        return 0x8000_0000L | devfn << 8 | (offset & 0xfc);
    }

    static int[] readSpace(PortIoBus io, int devfn) {
        int[] space = new int[256];
        for (int reg = 0; reg < 256; reg += 4) {
            io.write(0xcf8, 4, address(devfn, reg));
            long v = io.read(0xcfc, 4);
            for (int i = 0; i < 4; i++) {
                space[reg + i] = (int) (v >>> (8 * i)) & 0xff;
            }
        }
        return space;
    }

    @Test
    void theDumpCoversTheFourFunctionsByteByByte() {
        assertThat(RESETS).containsOnlyKeys(0x00, 0x08, 0x09, 0x0b);
        assertThat(BYTES).hasSize(4 * 256);
    }

    @Test
    void everyFunctionResetsToQemusValues() {
        PortIoBus io = Profile.QEMU_PC.build(MachineConfig.defaults()).io();
        RESETS.forEach((devfn, space) -> assertThat(readSpace(io, devfn)).as("devfn %02x", devfn).containsExactly(space));
    }

    @TestFactory
    Stream<DynamicTest> everyByteTakesWritesAsQemuDoes() {
        return RESETS.keySet().stream().map(devfn -> DynamicTest.dynamicTest(String.format("devfn %02x", devfn), () -> {
            for (Measured m : BYTES) {
                if (m.devfn() != devfn) {
                    continue;
                }
                PortIoBus io = Profile.QEMU_PC.build(MachineConfig.defaults()).io();
                int[] seen = new int[4];
                int[] value = {0xff, 0x00, 0xff, 0x00};
                for (int i = 0; i < 4; i++) {
                    io.write(0xcf8, 4, address(devfn, m.offset()));
                    io.write(0xcfc + (m.offset() & 3), 1, value[i]);
                    seen[i] = readSpace(io, devfn)[m.offset()];
                    if (i == 0) {
                        int[] space = readSpace(io, devfn);
                        space[m.offset()] = RESETS.get(devfn)[m.offset()];
                        assertThat(space).as("no side effect of writing %02x", m.offset()).containsExactly(RESETS.get(devfn));
                    }
                }
                assertThat(seen).as("devfn %02x offset %02x", devfn, m.offset()).containsExactly(m.afterWrites());
            }
        }));
    }
}
