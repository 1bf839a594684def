package org.trapline.models.rtc;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Set;

import org.trapline.models.bus.PortIoBus;
import org.trapline.models.clock.Scheduler;
import org.trapline.models.clock.VirtualClock;
import org.trapline.models.irq.IrqLine;
import org.trapline.models.machine.MachineConfig;
import org.trapline.models.device.Quirk;

/** An MC146818A on its own I/O bus and IRQ line, started at 2001-02-03T04:05:06, driven as a guest drives it. */
final class RtcBoard {
    static final long SEC = 1_000_000_000L;
    static final long BASE = LocalDateTime.parse("2001-02-03T04:05:06").toEpochSecond(ZoneOffset.UTC);

    final Scheduler scheduler = new Scheduler(new VirtualClock());
    final IrqLine irq = new IrqLine("irq8");
    final PortIoBus io = new PortIoBus();
    final Mc146818 rtc;
    int risingEdges;
    private boolean level;

    RtcBoard(Set<Quirk> quirks, MachineConfig config) {
        irq.connect(high -> {
            if (high && !level) {
                risingEdges++;
            }
            level = high;
        });
        rtc = new Mc146818(scheduler, quirks, irq, config.rtcBaseEpochSec());
        rtc.attach(io, 0x70);
    }

    static RtcBoard hardware() {
        return new RtcBoard(Set.of(), MachineConfig.defaults().withRtcBase(BASE));
    }

    static RtcBoard qemu() {
        return new RtcBoard(Set.copyOf(RtcQuirks.all()), MachineConfig.defaults().withRtcBase(BASE));
    }

    static RtcBoard with(Quirk quirk) {
        return new RtcBoard(Set.of(quirk), MachineConfig.defaults().withRtcBase(BASE));
    }

    RtcBoard set(int index, int value) {
        io.write(0x70, 1, index);
        io.write(0x71, 1, value);
        return this;
    }

    int get(int index) {
        io.write(0x70, 1, index);
        return (int) io.read(0x71, 1);
    }

    RtcBoard step(long ns) {
        scheduler.advanceTo(scheduler.nowNs() + ns);
        return this;
    }

    RtcBoard stepTo(long ns) {
        scheduler.advanceTo(ns);
        return this;
    }

    long now() {
        return scheduler.nowNs();
    }

    /** hh:mm:ss as the registers show it, in the current format. */
    String time() {
        return String.format("%02x:%02x:%02x", get(4), get(2), get(0));
    }
}
