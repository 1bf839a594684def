package org.trapline.models.rtc;

import static org.trapline.models.device.Inspectable.hex;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.trapline.models.bus.IoDevice;
import org.trapline.models.bus.PortIoBus;
import org.trapline.models.bus.Region;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.Timer;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.device.Inspectable;
import org.trapline.models.device.Quirk;

/**
 * The Motorola MC146818A real-time clock and its 128 bytes of CMOS, at the PC's ports 0x70 (index;
 * bit 7 is the board's NMI mask) and 0x71 (data), interrupting on ISA IRQ 8.
 *
 * <p>Time is kept as QEMU keeps it, not as a counter ticking every second: the RTC's time in
 * nanoseconds is {@code base * 1e9 + (now - lastUpdate) + offset}, where {@code base} is the time
 * the registers were last set to, {@code lastUpdate} the guest instant of that setting and
 * {@code offset} the position of the divider chain within the second then. The time registers are
 * computed from it when read. Timers run only for what is enabled or observable: the update-ended
 * event until UF is set (then the alarm), and the periodic interrupt while PIE=1.
 *
 * <p>In the datasheet's frame (hardware profile) the time registers change at the end of the
 * 1984 us update cycle; the second boundary of that frame is where this model's arithmetic puts it.
 */
public final class Mc146818 implements IoDevice, Inspectable {
    static final int SECONDS = 0x00;
    static final int SECONDS_ALARM = 0x01;
    static final int MINUTES = 0x02;
    static final int MINUTES_ALARM = 0x03;
    static final int HOURS = 0x04;
    static final int HOURS_ALARM = 0x05;
    static final int DAY_OF_WEEK = 0x06;
    static final int DATE_OF_MONTH = 0x07;
    static final int MONTH = 0x08;
    static final int YEAR = 0x09;
    static final int REG_A = 0x0a;
    static final int REG_B = 0x0b;
    static final int REG_C = 0x0c;
    static final int REG_D = 0x0d;
    /** The first byte of user RAM, after the ten time bytes and registers A-D (MC146818A "Address Map"). */
    static final int USER_RAM = 0x0e;
    /** The PC's century byte, and the IBM PS/2 location QEMU aliases to it. */
    static final int CENTURY = 0x32;
    static final int PS2_CENTURY = 0x37;
    static final int SHUTDOWN_STATUS = 0x0f;

    static final int A_UIP = 0x80;
    static final int A_DV = 0x70;
    static final int A_RS = 0x0f;
    static final int B_SET = 0x80;
    static final int B_PIE = 0x40;
    static final int B_AIE = 0x20;
    static final int B_UIE = 0x10;
    static final int B_SQWE = 0x08;
    static final int B_DM = 0x04;
    static final int B_24H = 0x02;
    static final int C_IRQF = 0x80;
    static final int C_PF = 0x40;
    static final int C_AF = 0x20;
    static final int C_UF = 0x10;
    static final int C_FLAGS = C_PF | C_AF | C_UF;
    static final int D_VRT = 0x80;

    static final long NS_PER_SEC = 1_000_000_000L;
    static final int TIME_BASE_HZ = 32768;
    /** UIP rises 244 us (8 cycles of 32.768 kHz) before the update cycle (MC146818A register A, tBUC). */
    static final long UIP_LEAD_NS = 8 * NS_PER_SEC / TIME_BASE_HZ;
    /** The update cycle lasts 1984 us with a 32.768 kHz time base (MC146818A 'Update Cycle', tUC). */
    static final long UPDATE_CYCLE_NS = 1_984_000;
    /** After the divider reset ends, the first update cycle begins 500 ms later (MC146818A register A DV). */
    static final long FIRST_UPDATE_AFTER_RESET_NS = 500_000_000;
    /** DV2-DV0 = 010: the 32.768 kHz time base, dividers running. */
    static final int DV_32K = 0x20;

    private final Scheduler scheduler;
    private final IrqLine irq;
    private final boolean updateInstant;
    private final boolean uipLatched;
    private final boolean timeWriteRestarts;
    private final boolean alarm12hQuirk;
    private final boolean centuryRegister;
    private final boolean anyTimeBase;
    private final boolean qemuReset;

    /** Bytes 0x00-0x7F: the time and alarm registers as last computed, registers A-D, and RAM. */
    private final int[] cmos = new int[128];
    private int index;
    private boolean nmiMasked;
    /** Without {@link RtcQuirks#CENTURY_REGISTER} the century is kept out of sight, as a number: the chip has none. */
    private int hiddenCentury;

    private long baseSec;
    private long lastUpdateNs;
    private long offsetNs;

    private final Timer updateTimer;
    private long nextAlarmNs;

    private final PeriodicSource periodic;
    private Runnable timeSet = () -> { };

    /**
     * @param baseEpochSec the time the clock starts at, seconds since 1970-01-01 UTC
     */
    public Mc146818(Scheduler scheduler, Set<Quirk> quirks, IrqLine irq, long baseEpochSec) {
        this.scheduler = scheduler;
        this.irq = irq;
        this.updateInstant = quirks.contains(RtcQuirks.UPDATE_CYCLE_INSTANT);
        this.uipLatched = quirks.contains(RtcQuirks.UIP_LATCHED);
        this.timeWriteRestarts = quirks.contains(RtcQuirks.TIME_WRITE_RESTARTS_SECOND);
        this.alarm12hQuirk = quirks.contains(RtcQuirks.ALARM_12H_HOUR);
        this.centuryRegister = quirks.contains(RtcQuirks.CENTURY_REGISTER);
        this.anyTimeBase = quirks.contains(RtcQuirks.ANY_TIME_BASE_RUNS);
        this.qemuReset = quirks.contains(RtcQuirks.RESET);
        this.updateTimer = scheduler.newTimer("rtc-update", this::updateCycle);
        this.periodic = quirks.contains(RtcQuirks.PERIODIC_FREE_OF_DIVIDER)
                ? new QemuPeriodicTimer(this, scheduler)
                : new DividerTap(this, scheduler);

        // A PC BIOS leaves the 32.768 kHz time base with a 976.5 us rate, 24-hour BCD: QEMU starts
        // so, and so does the hardware profile (the datasheet leaves A and B undefined at power-on).
        cmos[REG_A] = DV_32K | 0x06;
        cmos[REG_B] = B_24H;
        cmos[REG_D] = D_VRT;
        baseSec = baseEpochSec;
        lastUpdateNs = scheduler.nowNs();
        writeTimeRegisters(baseSec);
        reset();
    }

    /**
     * Sets a byte of CMOS user RAM (0x0E-0x7F) before the guest runs, as a board's firmware setup
     * leaves it (QEMU: mc146818rtc_set_cmos_data from pc_cmos_init). A reset keeps it.
     */
    public void presetCmos(int index, int value) {
        if (index >= USER_RAM && index < cmos.length) {
            cmos[index] = value & 0xff;
        }
    }

    /** Maps the index port at {@code base} and the data port after it (QEMU claims 0x70-0x71 only). */
    public void attach(PortIoBus io, int base) {
        io.map(Region.of("rtc", 2, 1, 1, this, this).at(base));
    }

    // ---------------------------------------------------------------- access decode

    @Override
    public long read(long offset, int size) {
        if ((offset & 1) == 0) {
            return 0xff; // the index port is write-only (PIIX3 port 70h); the data lines float
        }
        return readData();
    }

    @Override
    public void write(long offset, int size, long value) {
        int data = (int) (value & 0xff);
        if ((offset & 1) == 0) {
            index = data & 0x7f;
            nmiMasked = (data & 0x80) != 0;
        } else {
            writeData(data);
        }
    }

    private int readData() {
        if (centuryRegister && index == PS2_CENTURY) {
            index = CENTURY;
        }
        if (isTimeRegister(index)) {
            if (running()) {
                refreshTimeRegisters();
            }
            return cmos[index];
        }
        return switch (index) {
            case REG_A -> cmos[REG_A] | (updateInProgress() ? A_UIP : 0);
            case REG_C -> readAndClearFlags();
            default -> cmos[index];
        };
    }

    private void writeData(int data) {
        if (centuryRegister && index == PS2_CENTURY) {
            index = CENTURY;
        }
        periodic.beforeChange();
        if (isTimeRegister(index)) {
            writeTimeRegister(data);
        } else {
            switch (index) {
                case SECONDS_ALARM, MINUTES_ALARM, HOURS_ALARM -> {
                    cmos[index] = data;
                    scheduleUpdate();
                }
                case REG_A -> writeRegisterA(data);
                case REG_B -> writeRegisterB(data);
                case REG_C, REG_D -> { } // read-only
                default -> cmos[index] = data;
            }
        }
        periodic.afterChange();
    }

    private boolean isTimeRegister(int i) {
        return i == SECONDS || i == MINUTES || i == HOURS || (i >= DAY_OF_WEEK && i <= YEAR)
                || (centuryRegister && i == CENTURY);
    }

    // ---------------------------------------------------------------- registers

    private void writeTimeRegister(int data) {
        boolean wasRunning = running();
        long phase = secondPhase();
        if (wasRunning && !timeWriteRestarts) {
            refreshTimeRegisters(); // the other registers hold the current time, as on the chip
        }
        cmos[index] = data;
        if (wasRunning) {
            setTimeFromRegisters();
            if (!timeWriteRestarts) {
                offsetNs = phase; // the divider chain goes on; only the count changed
            }
            scheduleUpdate();
        }
    }

    private void writeRegisterA(int data) {
        boolean rateChanged = ((cmos[REG_A] ^ data) & A_RS) != 0;
        int oldPeriod = armedPeriodCycles();
        if ((data & 0x60) == 0x60) {
            // Divider reset: the registers keep the time they show now.
            if (running()) {
                refreshTimeRegisters();
            }
            cmos[REG_A] &= ~A_UIP;
        } else if ((cmos[REG_A] & 0x60) == 0x60 && runsTime(data)) {
            // Out of divider reset: the first update cycle begins 500 ms later (in the datasheet's
            // frame the registers change at its end, tUC later still).
            if ((cmos[REG_B] & B_SET) == 0) {
                offsetNs = updateInstant ? FIRST_UPDATE_AFTER_RESET_NS : FIRST_UPDATE_AFTER_RESET_NS - UPDATE_CYCLE_NS;
                setTimeFromRegisters();
            }
            cmos[REG_A] &= ~A_UIP;
        }
        cmos[REG_A] = (data & ~A_UIP) | (cmos[REG_A] & A_UIP); // UIP is read-only
        if (rateChanged) {
            periodic.selectChanged(oldPeriod);
        }
        scheduleUpdate();
    }

    private void writeRegisterB(int data) {
        boolean pieChanged = ((cmos[REG_B] ^ data) & B_PIE) != 0;
        int oldPeriod = armedPeriodCycles();
        if ((data & B_SET) != 0) {
            if (running()) {
                refreshTimeRegisters(); // the registers stop at the time they show
            }
            cmos[REG_A] &= ~A_UIP;
            data &= ~B_UIE; // MC146818A register B: SET=1 clears UIE
        } else if ((cmos[REG_B] & B_SET) != 0 && runsTime(cmos[REG_A])) {
            // SET back to 0: counting resumes from the registers, the divider chain kept its phase.
            offsetNs = secondPhase();
            setTimeFromRegisters();
        }
        // IRQF = PF.PIE + AF.AIE + UF.UIE (MC146818A register C): an enable meeting a set flag interrupts.
        if ((data & cmos[REG_C] & C_FLAGS) != 0) {
            cmos[REG_C] |= C_IRQF;
            irqCall(true);
        } else {
            cmos[REG_C] &= ~C_IRQF;
            irqCall(false);
        }
        cmos[REG_B] = data;
        if (pieChanged) {
            periodic.selectChanged(oldPeriod);
        }
        scheduleUpdate();
    }

    /**
     * The IRQ output driven again, even at the level it has: QEMU's qemu_irq_raise/lower are calls that the
     * HPET's legacy input passes on to IRQ8, where an HPET timer may have set another level meanwhile.
     */
    private void irqCall(boolean high) {
        irq.drive(high);
    }

    /** Register C: the flags, cleared by the read, and IRQ released (MC146818A register C). */
    private int readAndClearFlags() {
        periodic.beforeChange();
        int flags = cmos[REG_C];
        irqCall(false);
        cmos[REG_C] = 0;
        if ((flags & (C_UF | C_AF)) != 0) {
            scheduleUpdate();
        }
        return flags;
    }

    /** The board's reset (MC146818A RESET pin; QEMU's rtc_reset_enter with {@link RtcQuirks#RESET}). */
    public void reset() {
        periodic.beforeChange();
        if (qemuReset) {
            if (cmos[SHUTDOWN_STATUS] != 0xfe) {
                cmos[SHUTDOWN_STATUS] = 0;
            }
            cmos[REG_B] &= ~(B_PIE | B_AIE | B_SQWE);
        } else {
            cmos[REG_B] &= ~(B_PIE | B_AIE | B_UIE | B_SQWE);
        }
        cmos[REG_C] &= ~(C_UF | C_IRQF | C_PF | C_AF);
        scheduleUpdate();
        irqCall(false);
        periodic.afterChange();
    }

    // ---------------------------------------------------------------- time

    /** The time registers count: SET=0 and a divider code that runs the time base. */
    private boolean running() {
        return (cmos[REG_B] & B_SET) == 0 && runsTime(cmos[REG_A]);
    }

    private boolean runsTime(int a) {
        int dv = a & A_DV;
        return anyTimeBase ? dv <= DV_32K : dv == DV_32K;
    }

    /** No update cycles at all: the dividers held in reset (or, on the chip, any code but 010). */
    boolean updatesStopped() {
        return anyTimeBase ? (cmos[REG_A] & 0x60) == 0x60 : (cmos[REG_A] & A_DV) != DV_32K;
    }

    /** The RTC's time in nanoseconds since 1970, as unsigned 64-bit arithmetic gives it. */
    private long rtcNs() {
        return baseSec * NS_PER_SEC + scheduler.nowNs() - lastUpdateNs + offsetNs;
    }

    private long secondPhase() {
        return Long.remainderUnsigned(rtcNs(), NS_PER_SEC);
    }

    /** Brings the time registers to the current time, unless SET holds them. */
    private void refreshTimeRegisters() {
        if ((cmos[REG_B] & B_SET) == 0) {
            writeTimeRegisters(rtcNs() / NS_PER_SEC);
        }
    }

    private void writeTimeRegisters(long epochSec) {
        LocalDateTime t;
        try {
            t = LocalDateTime.ofEpochSecond(epochSec, 0, ZoneOffset.UTC);
        } catch (DateTimeException e) {
            return; // beyond any calendar: the registers keep what they hold
        }
        cmos[SECONDS] = toRegister(t.getSecond());
        cmos[MINUTES] = toRegister(t.getMinute());
        int hour = t.getHour();
        if ((cmos[REG_B] & B_24H) != 0) {
            cmos[HOURS] = toRegister(hour);
        } else {
            cmos[HOURS] = toRegister(hour % 12 == 0 ? 12 : hour % 12) | (hour >= 12 ? 0x80 : 0);
        }
        cmos[DAY_OF_WEEK] = toRegister(t.getDayOfWeek().getValue() % 7 + 1); // Sunday = 1
        cmos[DATE_OF_MONTH] = toRegister(t.getDayOfMonth());
        cmos[MONTH] = toRegister(t.getMonthValue());
        cmos[YEAR] = toRegister(t.getYear() % 100);
        if (centuryRegister) {
            cmos[CENTURY] = toRegister(t.getYear() / 100);
        } else {
            hiddenCentury = t.getYear() / 100;
        }
    }

    /** Takes the registers as the new time; the second starts now, at the divider phase {@code offsetNs}. */
    private void setTimeFromRegisters() {
        int hour = fromRegister(cmos[HOURS] & 0x7f);
        if ((cmos[REG_B] & B_24H) == 0) {
            hour %= 12;
            if ((cmos[HOURS] & 0x80) != 0) {
                hour += 12;
            }
        }
        int century = centuryRegister ? fromRegister(cmos[CENTURY]) : hiddenCentury;
        int year = fromRegister(cmos[YEAR]) + century * 100;
        baseSec = secondsSinceEpoch(year, fromRegister(cmos[MONTH]), fromRegister(cmos[DATE_OF_MONTH]), hour,
                fromRegister(cmos[MINUTES]), fromRegister(cmos[SECONDS]));
        lastUpdateNs = scheduler.nowNs();
        timeSet.run();
    }

    /**
     * Tells {@code listener} each time the guest sets the time (QEMU's RTC_CHANGE event, which
     * QEMU's monitor rate-limits with a timer of its own).
     */
    public void onTimeSet(Runnable listener) {
        this.timeSet = listener;
    }

    /** Days from the civil date by the Gregorian rules, taking out-of-range fields as they come (like mktime). */
    static long secondsSinceEpoch(int year, int month, int day, int hour, int minute, int second) {
        int y = year;
        int m = month;
        if (m < 3) {
            m += 12;
            y--;
        }
        int days = day + (153 * m - 457) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 719469;
        return 86400L * days + (3600 * hour + 60 * minute + second);
    }

    private int toRegister(int value) {
        int v = (cmos[REG_B] & B_DM) != 0 ? value : ((value / 10) << 4) | (value % 10);
        return v & 0xff;
    }

    /** A register's value in the current format; -1 for the don't-care code 11xxxxxx. */
    private int fromRegister(int value) {
        if ((value & 0xc0) == 0xc0) {
            return -1;
        }
        return (cmos[REG_B] & B_DM) != 0 ? value : (value >> 4) * 10 + (value & 0x0f);
    }

    // ---------------------------------------------------------------- update cycle, UIP, alarm

    /**
     * UIP: 1 from 244 us before the registers change; in the datasheet's frame for the 1984 us of the
     * update cycle too. With {@link RtcQuirks#UIP_LATCHED}, a read that sees the pending update timer
     * within 244 us latches the bit in register A until that timer runs.
     */
    private boolean updateInProgress() {
        if (!running()) {
            return false;
        }
        long now = scheduler.nowNs();
        if (uipLatched && updateTimer.isArmed() && now >= updateTimer.deadlineNs() - UIP_LEAD_NS) {
            cmos[REG_A] |= A_UIP;
            return true;
        }
        long window = updateInstant ? UIP_LEAD_NS : UIP_LEAD_NS + UPDATE_CYCLE_NS;
        return secondPhase() >= NS_PER_SEC - window;
    }

    /**
     * Arms the update timer for the next update cycle, or for the alarm once UF is set and only AF
     * can still change; not at all while nothing can change.
     */
    private void scheduleUpdate() {
        if (updatesStopped()) {
            updateTimer.disarm();
            return;
        }
        long now = scheduler.nowNs();
        long nextUpdate = now + NS_PER_SEC - secondPhase();
        nextAlarmNs = nextUpdate + (secondsToNextAlarm() - 1) * NS_PER_SEC;
        if ((cmos[REG_A] & A_UIP) == 0 && (cmos[REG_C] & C_UF) != 0) {
            if ((cmos[REG_B] & B_SET) != 0 || (cmos[REG_C] & C_AF) != 0) {
                updateTimer.disarm();
                return;
            }
            nextUpdate = nextAlarmNs;
        }
        if (nextUpdate != updateTimer.deadlineNs()) {
            updateTimer.armAt(nextUpdate);
        }
    }

    /** The end of an update cycle: the registers advance, UF (and AF at the alarm time) are set. */
    private void updateCycle() {
        refreshTimeRegisters();
        cmos[REG_A] &= ~A_UIP;
        int flags = C_UF;
        if (scheduler.nowNs() >= nextAlarmNs) {
            flags |= C_AF;
        }
        int fresh = flags & ~cmos[REG_C];
        cmos[REG_C] |= flags;
        if ((fresh & cmos[REG_B]) != 0) { // UF meets UIE, AF meets AIE
            cmos[REG_C] |= C_IRQF;
            irqCall(true);
        }
        scheduleUpdate();
    }

    /**
     * Seconds from the current second to the next one whose time matches the alarm registers, a
     * don't-care code (11xxxxxx) matching every value; 1 to 86400.
     */
    private int secondsToNextAlarm() {
        refreshTimeRegisters();
        int alarmSec = fromRegister(cmos[SECONDS_ALARM]);
        int alarmMin = fromRegister(cmos[MINUTES_ALARM]);
        int alarmHour;
        int curHour;
        if (alarm12hQuirk) {
            alarmHour = fromRegister(cmos[HOURS_ALARM]);
            alarmHour = alarmHour == -1 ? -1 : qemuHour(alarmHour);
            curHour = qemuHour(fromRegister(cmos[HOURS]));
        } else {
            alarmHour = hourOf(cmos[HOURS_ALARM]);
            curHour = hourOf(cmos[HOURS]);
        }
        int curSec = fromRegister(cmos[SECONDS]);
        int curMin = fromRegister(cmos[MINUTES]);
        return AlarmSearch.secondsToNext(alarmHour, alarmMin, alarmSec, curHour, curMin, curSec);
    }

    /** QEMU's hour conversion: the PM bit of the hours register, whatever byte is converted. */
    private int qemuHour(int hour) {
        if ((cmos[REG_B] & B_24H) == 0) {
            hour %= 12;
            if ((cmos[HOURS] & 0x80) != 0) {
                hour += 12;
            }
        }
        return hour;
    }

    /** An hours byte (time or alarm) as 0-23, its own bit 7 the PM flag in 12-hour mode; -1 for don't care. */
    private int hourOf(int value) {
        if ((value & 0xc0) == 0xc0) {
            return -1;
        }
        if ((cmos[REG_B] & B_24H) != 0) {
            return fromRegister(value);
        }
        return fromRegister(value & 0x7f) % 12 + ((value & 0x80) != 0 ? 12 : 0);
    }

    // ---------------------------------------------------------------- periodic interrupt

    /** The rate-select table for a 32.768 kHz time base: RS=1, 2 give 3.90625 and 7.8125 ms (128, 256 cycles). */
    static int periodCycles(int rs) {
        if (rs == 0) {
            return 0;
        }
        int tap = rs <= 2 ? rs + 7 : rs;
        return 1 << (tap - 1);
    }

    /** The period RS selects while PIE is 1, in 32.768 kHz cycles; 0 with PIE clear. */
    int armedPeriodCycles() {
        return periodicEnabled() ? periodCycles(rateSelect()) : 0;
    }

    /** RS3-RS0 of register A. */
    int rateSelect() {
        return cmos[REG_A] & A_RS;
    }

    /** PIE of register B. */
    boolean periodicEnabled() {
        return (cmos[REG_B] & B_PIE) != 0;
    }

    /** Since when the registers count from the divider chain's frame. */
    long lastUpdateNs() {
        return lastUpdateNs;
    }

    /** The divider chain in nanoseconds since its frame began (only its phase within a second matters). */
    long chainNs(long at) {
        return at - lastUpdateNs + offsetNs + (updateInstant ? 0 : UPDATE_CYCLE_NS);
    }

    /** A periodic edge PIE does not let through: PF alone. */
    void setPeriodicFlag() {
        cmos[REG_C] |= C_PF;
    }

    /** A periodic edge with PIE=1: PF, IRQF, and IRQ 8 (MC146818A register C). */
    void periodicInterrupt() {
        cmos[REG_C] |= C_PF | C_IRQF;
        irqCall(true);
    }

    /** Whole 32.768 kHz cycles in {@code ns}, rounded down, without overflow. */
    static long nsToCycles(long ns) {
        return Math.floorDiv(ns, NS_PER_SEC) * TIME_BASE_HZ + Math.floorMod(ns, NS_PER_SEC) * TIME_BASE_HZ / NS_PER_SEC;
    }

    /** The instant of cycle {@code cycles}, rounded down. */
    static long cyclesToNs(long cycles) {
        return Math.floorDiv(cycles, TIME_BASE_HZ) * NS_PER_SEC + Math.floorMod(cycles, TIME_BASE_HZ) * NS_PER_SEC / TIME_BASE_HZ;
    }

    static long cyclesToNsCeil(long cycles) {
        long rem = Math.floorMod(cycles, TIME_BASE_HZ) * NS_PER_SEC;
        return Math.floorDiv(cycles, TIME_BASE_HZ) * NS_PER_SEC + (rem + TIME_BASE_HZ - 1) / TIME_BASE_HZ;
    }

    // ---------------------------------------------------------------- inspection

    /** The IRQ 8 level the chip drives. */
    public boolean interruptRequested() {
        return irq.level();
    }

    /** Whether the board's NMI mask (port 0x70 bit 7) was last written as 1. */
    public boolean nmiMasked() {
        return nmiMasked;
    }

    /** A CMOS byte as stored, with no side effect (the time registers as last computed). */
    public int peek(int i) {
        return cmos[i & 0x7f];
    }

    @Override
    public String deviceName() {
        return "rtc";
    }

    @Override
    public Map<String, String> registers() {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("index", hex(index));
        r.put("NMI", nmiMasked ? "masked" : "enabled");
        r.put("A", hex(cmos[REG_A]));
        r.put("B", hex(cmos[REG_B]));
        r.put("C", hex(cmos[REG_C]));
        r.put("D", hex(cmos[REG_D]));
        String[] names = {"seconds", "seconds-alarm", "minutes", "minutes-alarm", "hours", "hours-alarm",
                "day-of-week", "date-of-month", "month", "year"};
        for (int i = 0; i < names.length; i++) {
            r.put(names[i], hex(cmos[i]));
        }
        r.put("time", running() ? timeText(rtcNs()) : "stopped");
        r.put("update", updateTimer.toString());
        r.put("periodic", periodic.timer().toString());
        return r;
    }

    private static String timeText(long ns) {
        try {
            return LocalDateTime.ofEpochSecond(Math.floorDiv(ns, NS_PER_SEC), (int) Math.floorMod(ns, NS_PER_SEC),
                    ZoneOffset.UTC).toString();
        } catch (DateTimeException e) {
            return "out of range";
        }
    }
}
