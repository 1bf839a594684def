package org.trapline.testing;

import java.util.Map;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.trapline.target.MachineArgs;
import org.trapline.target.QemuBinary;
import org.trapline.target.TargetException;

/**
 * The QEMU that tests tagged {@code qemu} drive. Where there is none, such a test is skipped (an
 * assumption fails), except under {@code CI=true}: CI installs QEMU, so there its absence is a
 * failure, never a silent skip.
 */
public final class QemuRequirement {
    private QemuRequirement() {
    }

    /** The QEMU to drive, found as the CLI finds it; skips or fails the test when there is none. */
    public static QemuBinary binary() {
        return binary(System.getenv());
    }

    /**
     * The QEMU with the qtest accelerator, for machines started with {@code -accel qtest}, found as
     * the CLI finds it (CI builds it with tools/qemu-qtest/build.sh); skips or fails as above.
     */
    public static QemuBinary clockDrivenBinary() {
        return clockDrivenBinary(System.getenv());
    }

    /** The QEMU a machine needs: the clock-driven one for {@code -accel qtest}, else Debian's. */
    public static QemuBinary binaryFor(MachineArgs machine) {
        return machine.clockDriven() ? clockDrivenBinary() : binary();
    }

    static QemuBinary clockDrivenBinary(Map<String, String> env) {
        try {
            return QemuBinary.locateClockDriven(null, env);
        } catch (TargetException e) {
            return unavailable(env, e);
        }
    }

    static QemuBinary binary(Map<String, String> env) {
        try {
            return QemuBinary.locate(null, env);
        } catch (TargetException e) {
            return unavailable(env, e);
        }
    }

    /** Fails under CI=true, where QEMU must be there; skips the test elsewhere. Never returns. */
    private static QemuBinary unavailable(Map<String, String> env, TargetException e) {
        if ("true".equalsIgnoreCase(env.get("CI"))) {
            throw new AssertionFailedError("CI=true and this test needs QEMU: " + e.getMessage());
        }
        throw new TestAbortedException("skipped, this test needs QEMU: " + e.getMessage());
    }
}
