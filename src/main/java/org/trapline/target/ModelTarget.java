package org.trapline.target;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.trapline.models.bus.AddressSpace;
import org.trapline.models.fwcfg.FwCfg;
import org.trapline.models.machine.GpioInputs;
import org.trapline.models.machine.GpioOutputs;
import org.trapline.models.device.Inspectable;
import org.trapline.models.machine.Machine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.machine.Profile;
import org.trapline.qtest.LongKeyedCache;
import org.trapline.qtest.PortAccess;
import org.trapline.qtest.PortAnswer;
import org.trapline.qtest.QtestCommand;
import org.trapline.qtest.QtestReplies;
import org.trapline.qtest.QtestSyntaxException;
import org.trapline.trace.TraceHeader;
import org.trapline.trace.TraceFormatException;

/**
 * The reference model as a qtest server: it answers every command as QEMU 7.2's qtest server
 * would answer it for the same board, from the {@link Machine} the profile builds.
 */
public final class ModelTarget implements Target, NumericPortAnswers, PollRegisters {
    private static final Reply OK = Reply.of(QtestReplies.OK);

    private final Machine machine;
    private final PollRegisters polls;
    private final boolean clockCommands;
    private final List<String> window = new ArrayList<>();
    /** The replies to port reads of values below 0x10000, made once each: replay's hot path. */
    private final Reply[] portReplies = new Reply[0x10000];
    /** Replies to wider port reads ({@code inl}), by value: a log reads the same few again and again. */
    private final LongKeyedCache<Reply> widePortReplies = new LongKeyedCache<>(10);
    /** The last command, or null when it was a port command packed in {@link #lastAccess}. */
    private QtestCommand lastCommand;
    private long lastAccess = PortAccess.NONE;
    /** The canonical path of the device whose GPIOs qtest intercepts, or null. */
    private String interceptedDevice;

    /**
     * @param clockCommands whether {@code clock_step}/{@code clock_set} work: they do under the
     *                      qtest accelerator ({@code -accel qtest}); a QEMU started with {@code -S}
     *                      answers them {@code FAIL Unknown command}
     */
    public ModelTarget(Profile profile, MachineConfig config, boolean clockCommands) {
        this.machine = profile.build(config);
        this.polls = new PcPollRules(machine);
        this.clockCommands = clockCommands;
    }

    /**
     * The model a trace asks for: the profile and machine arguments given on the command line, else
     * the trace's {@code @profile} and {@code @machine}, else qemu-pc and {@link MachineArgs#DEFAULT}.
     */
    public static ModelTarget forTrace(TraceHeader trace, String profileOverride, String machineOverride)
            throws TraceFormatException {
        String id = profileOverride != null ? profileOverride : trace.profile().orElse(Profile.QEMU_PC.id());
        Profile profile = Profile.byId(id).orElseThrow(() -> new TraceFormatException(trace.file(), 0,
                "profile '" + id + "' is not a profile (known: " + String.join(", ", Profile.ids()) + ")"));
        MachineArgs args;
        try {
            args = MachineArgs.parse(machineOverride != null ? machineOverride
                    : trace.machineArgs().orElse(MachineArgs.DEFAULT));
        } catch (IllegalArgumentException e) {
            throw new TraceFormatException(trace.file(), 0, "machine arguments: " + e.getMessage());
        }
        return of(profile, args);
    }

    /**
     * The model of a profile on a machine. The datasheet's clock always runs; QEMU answers the clock
     * commands only under the qtest accelerator.
     */
    public static ModelTarget of(Profile profile, MachineArgs args) {
        return new ModelTarget(profile, args.config(), profile == Profile.HARDWARE || args.clockDriven());
    }

    public Machine machine() {
        return machine;
    }

    /** {@inheritDoc} The board's IDE status registers ({@link PcPollRules}). */
    @Override
    public PollRule pollRule(int port, int size) {
        return polls.pollRule(port, size);
    }

    @Override
    public String worksOn(int port) {
        return polls.worksOn(port);
    }

    @Override
    public String name() {
        return "model(" + machine.profile().id() + ")";
    }

    @Override
    public Reply send(String line) throws TargetException {
        try {
            return send(QtestCommand.parse(line));
        } catch (QtestSyntaxException e) {
            throw new TargetException(e.getMessage());
        }
    }

    /** Answers an already parsed command: the replay path, with no text to parse again. */
    @Override
    public Reply send(QtestCommand command) throws TargetException {
        lastCommand = command;
        lastAccess = PortAccess.NONE;
        if (command instanceof QtestCommand.PortRead c) {
            Reply value = portRead(c.port(), c.size());
            checkFwCfg(command.text());
            return value;
        }
        String response = answer(command);
        checkFwCfg(command.text());
        runTimersAlreadyDue();
        return reply(response);
    }

    /** A packed port command, answered from its numbers: a recorded log's replay. */
    @Override
    public Reply sendPort(long access) throws TargetException {
        long answer = port(access);
        checkFwCfg(PortAccess.command(access).text());
        return answer == PortAnswer.OK ? reply(QtestReplies.OK) : valueReply(answer);
    }

    /** {@inheritDoc} The same access as {@link #sendPort}, with no reply made. */
    @Override
    public long answerPort(long access) {
        long answer = port(access);
        window.clear();
        return answer;
    }

    /** Carries out a packed port command: {@code PortAnswer.OK} for a write, the value for a read. */
    private long port(long access) {
        lastCommand = null;
        lastAccess = access;
        int port = PortAccess.port(access);
        int size = PortAccess.size(access);
        long answer;
        if (PortAccess.isWrite(access)) {
            machine.io().write(port, size, PortAccess.value(access));
            answer = PortAnswer.OK;
        } else {
            answer = machine.io().read(port, size);
        }
        runTimersAlreadyDue();
        return answer;
    }

    private Reply portRead(int port, int size) {
        long value = machine.io().read(port, size);
        runTimersAlreadyDue();
        return valueReply(value);
    }

    /** The reply to a port read of {@code value}, with the edges of the command's window. */
    private Reply valueReply(long value) {
        if (window.isEmpty()) {
            return value < portReplies.length ? portReply((int) value) : widePortReply(value);
        }
        return reply(QtestReplies.portValue(value));
    }

    private Reply reply(String response) {
        if (window.isEmpty()) {
            return response == QtestReplies.OK ? OK : Reply.of(response);
        }
        Reply reply = new Reply(response, window);
        window.clear();
        return reply;
    }

    /**
     * A device may arm a timer for an instant already past (QEMU's RTC does, when a rate change
     * finds the period over): QEMU's main loop runs it right after the access, before the next
     * command, so its interrupt edges belong to this command's window.
     */
    private void runTimersAlreadyDue() {
        var scheduler = machine.scheduler();
        long next = scheduler.nextDeadlineNs();
        if (next >= 0 && next <= scheduler.nowNs()) {
            scheduler.advanceTo(scheduler.nowNs());
        }
    }

    /** Every command but a port read, which {@link #send(QtestCommand)} answers itself. */
    private String answer(QtestCommand command) throws TargetException {
        if (command instanceof QtestCommand.PortWrite c) {
            machine.io().write(c.port(), c.size(), c.value());
            return QtestReplies.OK;
        }
        if (command instanceof QtestCommand.MemRead c) {
            long value = machine.mmio().read(c.address(), c.size());
            checkFirmware(command);
            return QtestReplies.memoryValue(value);
        }
        if (command instanceof QtestCommand.MemWrite c) {
            machine.mmio().write(c.address(), c.size(), c.value());
            return QtestReplies.OK;
        }
        if (command instanceof QtestCommand.BulkRead c) {
            // qtest's read is address_space_read of the whole length: pieces as a DMA transfer's
            byte[] data = new byte[c.length()];
            machine.dma().read(c.address(), data, 0, data.length);
            checkFirmware(command);
            return c.base64() ? QtestReplies.base64(data) : QtestReplies.hexBytes(data);
        }
        if (command instanceof QtestCommand.BulkWrite c) {
            byte[] data = c.data();
            machine.dma().write(c.address(), data, 0, data.length);
            return QtestReplies.OK;
        }
        if (command instanceof QtestCommand.Clock c) {
            return clock(c);
        }
        if (command instanceof QtestCommand.SetIrqIn c) {
            return setIrqIn(c);
        }
        if (command instanceof QtestCommand.IrqIntercept c) {
            return intercept(c);
        }
        if (command instanceof QtestCommand.Inta) {
            return QtestReplies.portValue(machine.pic().acknowledge());
        }
        if (command instanceof QtestCommand.Endianness) {
            return "OK little";
        }
        throw new TargetException("the model does not answer '" + command.text() + "'");
    }

    @Override
    public String unanswerable() {
        FwCfg fwCfg = machine.fwCfg();
        if (fwCfg == null || fwCfg.unmodelledReads() == 0) {
            return null;
        }
        return "it reads the contents of fw_cfg item " + fwCfg.lastUnmodelled() + ", which the model does not hold"
                + " (the ACPI and SMBIOS tables, the HPET block and option ROMs are listed with their sizes only)";
    }

    /** A read of an fw_cfg table whose contents are not modelled cannot be answered as QEMU would. */
    private void checkFwCfg(String command) throws TargetException {
        String problem = unanswerable();
        if (problem != null) {
            throw new TargetException("'" + command + "': " + problem);
        }
    }

    /** A read that reached the firmware ROM when no image was found cannot be answered as QEMU would. */
    private void checkFirmware(QtestCommand command) throws TargetException {
        if (machine.bios().readsOfAbsentImage() > 0) {
            throw new TargetException("'" + command.text() + "' reads the firmware ROM, but no " + MachineArgs.DEFAULT_BIOS
                    + " was found (looked in " + MachineArgs.SYSTEM_DATA_DIRS + "): install Debian's seabios package, "
                    + "or give the machine -bios FILE or -L DIR");
        }
    }

    private Reply portReply(int value) {
        Reply reply = portReplies[value];
        if (reply == null) {
            reply = Reply.of(QtestReplies.portValue(value));
            portReplies[value] = reply;
        }
        return reply;
    }

    private Reply widePortReply(long value) {
        Reply reply = widePortReplies.find(value);
        return reply != null ? reply : widePortReplies.keep(value, Reply.of(QtestReplies.portValue(value)));
    }

    private String clock(QtestCommand.Clock c) {
        if (!clockCommands) {
            return QtestReplies.unknownCommand(c.absolute() ? "clock_set" : "clock_step");
        }
        var scheduler = machine.scheduler();
        long now = scheduler.nowNs();
        if (c.toNextDeadline()) {
            scheduler.advanceToNextDeadline();
        } else if (c.absolute()) {
            scheduler.advanceTo(Math.max(now, c.ns()));
        } else if (now + c.ns() >= now) {
            scheduler.advanceTo(now + c.ns());
        }
        // else: a step past the end of a signed 64-bit clock leaves it where it is, as in QEMU
        // (its target instant overflows to the past, so nothing runs)
        return QtestReplies.clock(scheduler.nowNs());
    }

    private String setIrqIn(QtestCommand.SetIrqIn c) throws TargetException {
        GpioInputs gpio = machine.gpio(c.path());
        if (gpio == null) {
            return "FAIL Unknown device";
        }
        if (!c.gpioName().equals("unnamed-gpio-in")) {
            // QEMU aborts on an input group the device does not have.
            throw new TargetException(c.path() + " has no GPIO input group '" + c.gpioName() + "'");
        }
        if (!gpio.set(c.pin(), c.level())) {
            throw new TargetException(c.path() + " has " + gpio.count() + " inputs; there is no input " + c.pin());
        }
        return QtestReplies.OK;
    }

    /**
     * qtest intercepts one device at a time, its inputs or its outputs; asking again for the same
     * device is OK, for another one fails. A device with no GPIOs of that kind is still "intercepted".
     */
    private String intercept(QtestCommand.IrqIntercept c) {
        GpioInputs inputs = machine.gpio(c.path());
        GpioOutputs outputs = machine.gpioOutputs(c.path());
        if (inputs == null && outputs == null) {
            return "FAIL Unknown device";
        }
        String device = inputs != null ? inputs.path() : outputs.path();
        if (interceptedDevice != null) {
            return interceptedDevice.equals(device) ? QtestReplies.OK : "FAIL IRQ intercept already enabled";
        }
        interceptedDevice = device;
        GpioInputs.Interceptor report = (pin, level) -> window.add(QtestReplies.irq(pin, level));
        if (c.inputs() && inputs != null) {
            inputs.intercept(report);
        } else if (!c.inputs() && outputs != null) {
            outputs.intercept(report);
        }
        return QtestReplies.OK;
    }

    /**
     * The registers of the devices the last command reached (the PIC pair for its ports and
     * inputs, the host bridge and the selected function for 0xCF8-0xCFF, the PIT and the RTC for
     * their ports and for a step of the clock), or of every device when
     * the command reached none in particular.
     */
    @Override
    public List<String> describeState() {
        List<Inspectable> devices = List.of();
        if (lastAccess != PortAccess.NONE) {
            devices = machine.devicesAtPort(PortAccess.port(lastAccess));
        } else if (lastCommand instanceof QtestCommand.PortRead c) {
            devices = machine.devicesAtPort(c.port());
        } else if (lastCommand instanceof QtestCommand.PortWrite c) {
            devices = machine.devicesAtPort(c.port());
        } else if (lastCommand instanceof QtestCommand.SetIrqIn c && c.path().startsWith("/machine/unattached/device[")) {
            devices = machine.pic().chips();
        } else if (lastCommand instanceof QtestCommand.Inta) {
            devices = machine.pic().chips();
        } else if (lastCommand instanceof QtestCommand.MemRead c) {
            devices = machine.devicesAtAddress(c.address());
        } else if (lastCommand instanceof QtestCommand.MemWrite c) {
            devices = machine.devicesAtAddress(c.address());
        } else if (lastCommand instanceof QtestCommand.Clock) {
            devices = machine.timers();
        }
        List<String> lines = new ArrayList<>();
        for (Inspectable device : devices.isEmpty() ? machine.devices() : devices) {
            StringBuilder sb = new StringBuilder(device.deviceName()).append(':');
            for (Map.Entry<String, String> reg : device.registers().entrySet()) {
                sb.append(' ').append(reg.getKey()).append('=').append(reg.getValue());
            }
            lines.add(sb.toString());
        }
        return lines;
    }

    @Override
    public void close() {
        // Nothing to release: the model lives in this process.
    }
}
