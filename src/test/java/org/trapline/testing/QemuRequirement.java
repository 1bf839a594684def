package org.trapline.testing;

import java.util.Map;

import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
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

    static QemuBinary binary(Map<String, String> env) {
        try {
            return QemuBinary.locate(null, env);
        } catch (TargetException e) {
            if ("true".equalsIgnoreCase(env.get("CI"))) {
                throw new AssertionFailedError("CI=true and this test needs QEMU: " + e.getMessage());
            }
            throw new TestAbortedException("skipped, this test needs QEMU: " + e.getMessage());
        }
    }
}
