package org.trapline.discovery;

import java.util.ArrayList;
import java.util.List;

import org.trapline.target.TargetException;

/** The probes a kernel makes while it boots, in that order, and the report of what they found. */
public final class ProbeReport {
    private ProbeReport() {
    }

    /** The probes, each new (a probe keeps what it read while it runs). */
    public static List<IsaProbe> probes() {
        return List.of(new PicProbe(), new PitProbe(), new RtcProbe(), new DmaProbe(), new I8042Probe(),
                new SerialProbe("COM1", 0x3f8), new SerialProbe("COM2", 0x2f8), new SerialProbe("COM3", 0x3e8),
                new SerialProbe("COM4", 0x2e8), new FloppyProbe(), new IdeProbe("primary", 0x1f0, 0x3f6),
                new IdeProbe("secondary", 0x170, 0x376), new FwCfgProbe(), new IoapicProbe());
    }

    /** One line per probe: {@code found  subject: detail} or {@code absent subject: detail}. */
    public static List<String> lines(GuestPorts ports) throws TargetException {
        List<String> lines = new ArrayList<>();
        for (IsaProbe probe : probes()) {
            IsaProbe.Finding finding = probe.run(ports);
            lines.add((finding.found() ? "found   " : "absent  ") + probe.subject() + ": " + finding.detail());
        }
        return lines;
    }
}
