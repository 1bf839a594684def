package org.trapline.models.dma;

import static org.trapline.models.device.Inspectable.hex;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.DmaPort;
import org.trapline.models.bus.IoDevice;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * One Intel 8237A DMA controller (datasheet 231466): four channels, each with its base and current
 * address and word count and its mode register; the command, status, request, mask and temporary
 * registers; the byte pointer flip-flop. Register n (A3-A0 = n) is at offset {@code n << shift}: the
 * 8-bit controller of the PC has {@code shift} 0, the 16-bit one (channels 4-7) has 1, its A0 not
 * wired (the AT connects SA1-SA4 to A0-A3), so it also answers at the odd offsets. The 16-bit
 * controller counts words and its address registers hold word addresses.
 *
 * <p>Transfers take no time: when a channel has a request it may serve, its transfers run at once,
 * byte by byte (word by word), between its {@link IsaDmaClient} and memory through the
 * {@link DmaPort}, until the request ends or the word count reaches terminal count.
 */
public final class Dma8237 implements IoDevice, Inspectable {
    static final int REGISTERS = 16;
    // Register numbers (A3-A0), Figure 6 and Figure 7.
    static final int STATUS_COMMAND = 8;
    static final int REQUEST = 9;
    static final int SINGLE_MASK = 10;
    static final int MODE = 11;
    static final int CLEAR_FLIP_FLOP = 12;
    static final int TEMPORARY_MASTER_CLEAR = 13;
    static final int CLEAR_MASK = 14;
    static final int ALL_MASK = 15;
    // Command register.
    static final int CMD_MEMORY_TO_MEMORY = 0x01;
    static final int CMD_CHANNEL0_ADDRESS_HOLD = 0x02;
    static final int CMD_CONTROLLER_DISABLE = 0x04;
    // Mode register.
    static final int MODE_TRANSFER = 0x0c;
    static final int TRANSFER_VERIFY = 0x00;
    static final int TRANSFER_WRITE = 0x04;
    static final int TRANSFER_READ = 0x08;
    static final int MODE_AUTOINIT = 0x10;
    static final int MODE_DECREMENT = 0x20;
    static final int MODE_SELECT = 0xc0;
    static final int SELECT_DEMAND = 0x00;
    static final int SELECT_SINGLE = 0x40;
    static final int SELECT_BLOCK = 0x80;
    static final int SELECT_CASCADE = 0xc0;
    /** Request, single mask and mode writes: bit 2 sets or clears, bits 1-0 select the channel. */
    static final int SET_BIT = 0x04;
    /** The most transfers one service of a channel makes: a full count (a client may hold DREQ forever). */
    static final int MAX_UNITS_PER_SERVICE = 0x10000;
    /** How many passes over the channels a run makes when requests change during it. */
    static final int MAX_PASSES = 8;

    private final String name;
    private final int firstChannel;
    private final int shift;
    private final DmaPort memory;
    private final byte[] scratch = new byte[2];
    private final boolean currentAtHighByte;
    private final boolean requestClearsTc;
    private final boolean illegalReadsZero;
    private final boolean maskReadAtRequest;
    private final boolean maskEightBits;
    private final boolean temporaryZero;
    private final boolean commandUnsupported;
    private final boolean disableIgnored;
    private final boolean requestIsDreq;
    private final boolean tcNoMaskNoReload;
    private final boolean cascadeIgnored;
    private final boolean decrementOffByOne;
    private final boolean carries;
    private final boolean needsDevice;
    private DmaAddressing addressing;
    private Runnable onChange = () -> { };
    private final IsaDmaClient[] clients = new IsaDmaClient[4];

    private final int[] baseAddress = new int[4];
    private final int[] baseCount = new int[4];
    /** Current address; 16 bits on the 8237A, unwrapped under QEMU's carrying quirk. */
    private final long[] currentAddress = new long[4];
    private final long[] origin = new long[4];
    private final int[] currentCount = new int[4];
    private final int[] mode = new int[4];
    private int command;
    /** Status bits 0-3: terminal count reached. */
    private int terminalCounts;
    /** The request register (software requests), bits 0-3; under QEMU also the DREQ inputs. */
    private int request;
    /** The DREQ inputs, bits 0-3 (on the 8237A apart from the request register). */
    private int dreq;
    private int mask;
    /** The byte pointer flip-flop: false, the next access is the low byte. */
    private boolean flipFlop;
    private int temporary;
    private boolean running;
    private boolean rerun;

    /**
     * @param name         the name in reports
     * @param firstChannel the board's number of channel 0 (0 or 4)
     * @param shift        0 for the 8-bit controller (byte transfers), 1 for the 16-bit one (words)
     * @param memory       the controller's path to memory
     */
    public Dma8237(String name, int firstChannel, int shift, Set<Quirk> quirks, DmaPort memory) {
        this.name = name;
        this.firstChannel = firstChannel;
        this.shift = shift;
        this.memory = memory;
        this.currentAtHighByte = quirks.contains(DmaQuirks.CURRENT_LOADED_AT_HIGH_BYTE);
        this.requestClearsTc = quirks.contains(DmaQuirks.REQUEST_WRITE_CLEARS_TC);
        this.illegalReadsZero = quirks.contains(DmaQuirks.ILLEGAL_READS_ZERO);
        this.maskReadAtRequest = quirks.contains(DmaQuirks.MASK_READ_AT_REQUEST_PORT);
        this.maskEightBits = quirks.contains(DmaQuirks.MASK_KEEPS_EIGHT_BITS);
        this.temporaryZero = quirks.contains(DmaQuirks.TEMPORARY_READS_ZERO);
        this.commandUnsupported = quirks.contains(DmaQuirks.COMMAND_BITS_UNSUPPORTED);
        this.disableIgnored = quirks.contains(DmaQuirks.CONTROLLER_DISABLE_IGNORED);
        this.requestIsDreq = quirks.contains(DmaQuirks.REQUEST_IS_DREQ_BIT);
        this.tcNoMaskNoReload = quirks.contains(DmaQuirks.TC_NO_MASK_NO_RELOAD);
        this.cascadeIgnored = quirks.contains(DmaQuirks.CASCADE_IGNORED);
        this.decrementOffByOne = quirks.contains(DmaQuirks.DECREMENT_OFF_BY_ONE);
        this.carries = quirks.contains(DmaQuirks.ADDRESS_CARRIES_INTO_PAGE);
        this.needsDevice = quirks.contains(DmaQuirks.TRANSFERS_NEED_A_DEVICE);
        this.addressing = new DmaAddressing() {
            @Override
            public long physical(int channel, long from, long current) {
                return (current & 0xffff) << shift;
            }

            @Override
            public boolean granted() {
                return true;
            }
        };
        reset();
    }

    void connect(DmaAddressing board, Runnable changed) {
        this.addressing = board;
        this.onChange = changed;
    }

    /** The register block's length in bytes: 16 registers, each {@code 1 << shift} ports apart. */
    public int length() {
        return REGISTERS << shift;
    }

    /** A hardware reset: the same as a master clear (8237A 'Master Clear'); the mode registers stay. */
    public void reset() {
        masterClear();
    }

    private void masterClear() {
        command = 0;
        terminalCounts = 0;
        request = 0;
        temporary = 0;
        flipFlop = false;
        mask = maskEightBits ? 0xff : 0x0f;
    }

    @Override
    public long read(long offset, int size) {
        int index = (int) (offset >>> shift) & (REGISTERS - 1);
        if (index < STATUS_COMMAND) {
            return readChannelRegister(index);
        }
        switch (index) {
            case STATUS_COMMAND -> {
                int status = terminalCounts | requesting() << 4;
                terminalCounts = 0; // cleared on each status read
                return status;
            }
            case REQUEST -> {
                return maskReadAtRequest ? mask : illegalRead();
            }
            case TEMPORARY_MASTER_CLEAR -> {
                return temporaryZero ? 0 : temporary;
            }
            default -> {
                return illegalRead();
            }
        }
    }

    private int illegalRead() {
        return illegalReadsZero ? 0 : 0xff;
    }

    private int readChannelRegister(int index) {
        int channel = index >> 1;
        long value = (index & 1) == 0 ? currentAddress[channel] : currentCount[channel];
        boolean high = toggle();
        return (int) (value >>> (high ? 8 : 0)) & 0xff;
    }

    private boolean toggle() {
        boolean high = flipFlop;
        flipFlop = !flipFlop;
        return high;
    }

    @Override
    public void write(long offset, int size, long written) {
        int index = (int) (offset >>> shift) & (REGISTERS - 1);
        int value = (int) (written & 0xff);
        if (index < STATUS_COMMAND) {
            writeChannelRegister(index, value);
            return;
        }
        int bit = 1 << (value & 3);
        switch (index) {
            case STATUS_COMMAND -> {
                if (commandUnsupported && (value & ~CMD_CONTROLLER_DISABLE) != 0) {
                    return;
                }
                command = value;
            }
            case REQUEST -> {
                request = (value & SET_BIT) != 0 ? request | bit : request & ~bit;
                if (requestClearsTc) {
                    terminalCounts &= ~bit;
                }
            }
            case SINGLE_MASK -> mask = (value & SET_BIT) != 0 ? mask | bit : mask & ~bit;
            case MODE -> mode[value & 3] = value;
            case CLEAR_FLIP_FLOP -> flipFlop = false;
            case TEMPORARY_MASTER_CLEAR -> masterClear();
            case CLEAR_MASK -> mask = 0;
            default -> mask = value & (maskEightBits ? 0xff : 0x0f); // ALL_MASK
        }
        changed();
    }

    private void writeChannelRegister(int index, int value) {
        int channel = index >> 1;
        boolean high = toggle();
        int shiftBy = high ? 8 : 0;
        int keep = high ? 0x00ff : 0xff00;
        int moved = (baseCount[channel] - currentCount[channel]) & 0xffff;
        if ((index & 1) == 0) {
            baseAddress[channel] = baseAddress[channel] & keep | value << shiftBy;
        } else {
            baseCount[channel] = baseCount[channel] & keep | value << shiftBy;
        }
        if (currentAtHighByte) {
            if (high) {
                currentAddress[channel] = baseAddress[channel];
                origin[channel] = baseAddress[channel];
                currentCount[channel] = baseCount[channel];
            } else if ((index & 1) == 1) {
                // QEMU reads the word count as the base count less what moved since the last load.
                currentCount[channel] = (baseCount[channel] - moved) & 0xffff;
            }
        } else if ((index & 1) == 0) {
            currentAddress[channel] = (int) currentAddress[channel] & keep | value << shiftBy;
            origin[channel] = currentAddress[channel];
        } else {
            currentCount[channel] = currentCount[channel] & keep | value << shiftBy;
        }
    }

    /** Status bits 4-7: the channels requesting service (DREQ or a software request). */
    private int requesting() {
        return (request | dreq) & 0x0f;
    }

    // ---- the ISA side ------------------------------------------------------------------------------

    void register(int channel, IsaDmaClient client) {
        clients[channel & 3] = client;
    }

    void holdDreq(int channel) {
        int bit = 1 << (channel & 3);
        if (requestIsDreq) {
            request |= bit;
        } else {
            dreq |= bit;
        }
        run();
    }

    void releaseDreq(int channel) {
        int bit = 1 << (channel & 3);
        // A request going away starts nothing, so there is nothing to run.
        if (requestIsDreq) {
            request &= ~bit;
        } else {
            dreq &= ~bit;
        }
    }

    /** Whether {@code channel}'s autoinitialise bit is set (mode register bit 4). */
    boolean autoinitialises(int channel) {
        return (mode[channel & 3] & MODE_AUTOINIT) != 0;
    }

    /** Whether this controller grants the bus to a controller cascaded into {@code channel}. */
    boolean grantsCascade(int channel) {
        int bit = 1 << channel;
        return (mode[channel] & MODE_SELECT) == SELECT_CASCADE && (mask & bit) == 0 && enabled();
    }

    private boolean enabled() {
        return disableIgnored || (command & CMD_CONTROLLER_DISABLE) == 0;
    }

    private void changed() {
        run();
        onChange.run();
    }

    /** Serves every channel with a request it may serve, highest priority (channel 0) first. */
    void run() {
        if (running) {
            rerun = true;
            return;
        }
        running = true;
        try {
            int passes = 0;
            do {
                rerun = false;
                for (int channel = 0; channel < 4; channel++) {
                    if (serviceable(channel)) {
                        serve(channel);
                    }
                }
            } while (rerun && ++passes < MAX_PASSES);
        } finally {
            running = false;
        }
    }

    private boolean serviceable(int channel) {
        if (!enabled() || !addressing.granted()) {
            return false;
        }
        if (!cascadeIgnored && (mode[channel] & MODE_SELECT) == SELECT_CASCADE) {
            return false;
        }
        int bit = 1 << channel;
        if (requestIsDreq) {
            return (request & bit) != 0 && (mask & bit) == 0;
        }
        // Software requests are not maskable and are served in block mode only (8237A 'Request Register').
        boolean software = (request & bit) != 0 && (mode[channel] & MODE_SELECT) == SELECT_BLOCK;
        return software || (dreq & bit) != 0 && (mask & bit) == 0;
    }

    private void serve(int channel) {
        if (channel == 0 && (command & CMD_MEMORY_TO_MEMORY) != 0 && shift == 0) {
            memoryToMemory();
            return;
        }
        if (needsDevice && (clients[channel] == null || !clients[channel].inTransfer())) {
            return;
        }
        boolean block = (mode[channel] & MODE_SELECT) == SELECT_BLOCK;
        for (int n = 0; n < MAX_UNITS_PER_SERVICE; n++) {
            boolean tc = transferOne(channel);
            // An autoinitialised channel goes on while it is still requested, up to one full count per run.
            if (tc && (tcNoMaskNoReload || !autoinitialises(channel))) {
                return;
            }
            // Block mode goes on to TC once started; demand and single mode while the request lasts.
            if ((tc || !block) && !serviceable(channel)) {
                return;
            }
        }
    }

    /** One transfer on {@code channel}; true when it reached terminal count. */
    private boolean transferOne(int channel) {
        IsaDmaClient client = clients[channel];
        int unit = 1 << shift;
        boolean decrement = (mode[channel] & MODE_DECREMENT) != 0;
        long at = addressing.physical(channel, origin[channel], currentAddress[channel])
                - (decrement && decrementOffByOne ? unit : 0);
        switch (mode[channel] & MODE_TRANSFER) {
            case TRANSFER_WRITE -> {
                int value = client == null ? 0xffff : client.ioRead();
                scratch[0] = (byte) value;
                scratch[1] = (byte) (value >>> 8);
                memory.write(at, scratch, 0, unit);
            }
            case TRANSFER_READ -> {
                memory.read(at, scratch, 0, unit);
                if (client != null) {
                    client.ioWrite(unit == 1 ? scratch[0] & 0xff : (scratch[0] & 0xff) | (scratch[1] & 0xff) << 8);
                }
            }
            case TRANSFER_VERIFY -> {
                if (client != null) {
                    client.verifyCycle();
                }
            }
            default -> {
                // transfer type 11 is illegal: no memory or I/O cycle
            }
        }
        step(channel, decrement);
        if (currentCount[channel] != 0xffff) {
            if (client != null) {
                client.cycleEnd(false);
            }
            return false;
        }
        terminalCount(channel);
        if (client != null) {
            client.terminalCount();
            client.cycleEnd(true);
        }
        return true;
    }

    private void step(int channel, boolean decrement) {
        long next = currentAddress[channel] + (decrement ? -1 : 1);
        currentAddress[channel] = carries ? next : next & 0xffff;
        currentCount[channel] = (currentCount[channel] - 1) & 0xffff;
    }

    /** TC: the status bit, the request bit cleared, then autoinitialise or mask (8237A 'Autoinitialize', 'Mask Register'). */
    private void terminalCount(int channel) {
        int bit = 1 << channel;
        terminalCounts |= bit;
        if (tcNoMaskNoReload) {
            return;
        }
        request &= ~bit;
        if (autoinitialises(channel)) {
            currentAddress[channel] = baseAddress[channel];
            origin[channel] = baseAddress[channel];
            currentCount[channel] = baseCount[channel];
        } else {
            mask |= bit;
        }
    }

    /**
     * Memory-to-memory (8237A 'Memory-to-Memory'): channel 0 reads a byte into the temporary register,
     * channel 1 writes it, until channel 1's word count reaches terminal count; with command bit 1
     * channel 0's address holds still.
     */
    private void memoryToMemory() {
        for (int n = 0; n < MAX_UNITS_PER_SERVICE; n++) {
            memory.read(addressing.physical(0, origin[0], currentAddress[0]), scratch, 0, 1);
            temporary = scratch[0] & 0xff;
            memory.write(addressing.physical(1, origin[1], currentAddress[1]), scratch, 0, 1);
            boolean hold = (command & CMD_CHANNEL0_ADDRESS_HOLD) != 0;
            int count0 = currentCount[0];
            step(0, (mode[0] & MODE_DECREMENT) != 0);
            if (hold) {
                currentAddress[0] = currentAddress[0] + ((mode[0] & MODE_DECREMENT) != 0 ? 1 : -1);
            }
            if (count0 == 0) {
                terminalCounts |= 1;
            }
            step(1, (mode[1] & MODE_DECREMENT) != 0);
            if (currentCount[1] == 0xffff) {
                request &= ~1;
                terminalCount(1);
                return;
            }
        }
    }

    // ---- reports -----------------------------------------------------------------------------------

    int mask() {
        return mask;
    }

    int command() {
        return command;
    }

    int mode(int channel) {
        return mode[channel];
    }

    int currentAddress(int channel) {
        return (int) currentAddress[channel] & 0xffff;
    }

    int currentCount(int channel) {
        return currentCount[channel];
    }

    int baseAddress(int channel) {
        return baseAddress[channel];
    }

    int baseCount(int channel) {
        return baseCount[channel];
    }

    boolean flipFlop() {
        return flipFlop;
    }

    int temporary() {
        return temporary;
    }

    @Override
    public String deviceName() {
        return name;
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("command", hex(command));
        r.put("status", hex(terminalCounts | requesting() << 4));
        r.put("request", String.format("0x%x", request));
        r.put("mask", hex(mask));
        r.put("flip-flop", flipFlop ? "high" : "low");
        r.put("temporary", hex(temporary));
        for (int c = 0; c < 4; c++) {
            int n = firstChannel + c;
            r.put("ch" + n, String.format("mode=0x%02x base=0x%04x/0x%04x current=0x%04x/0x%04x", mode[c],
                    baseAddress[c], baseCount[c], currentAddress(c), currentCount[c]));
        }
        return r;
    }
}
