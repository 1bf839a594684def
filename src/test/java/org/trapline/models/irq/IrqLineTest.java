package org.trapline.models.irq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IrqLineTest {
    private final IrqLine line = new IrqLine("irq8");
    private final List<Boolean> seen = new ArrayList<>();

    @Test
    void sinksSeeOnlyChangesOfLevel() {
        line.connect(seen::add);
        line.raise();
        line.raise();
        line.lower();
        line.lower();
        line.setLevel(true);
        assertThat(seen).containsExactly(true, false, true);
        assertThat(line.level()).isTrue();
    }

    @Test
    void aPulseIsOneRisingAndOneFallingEdge() {
        line.connect(seen::add);
        line.pulse();
        assertThat(seen).containsExactly(true, false);
        assertThat(line.level()).isFalse();
    }

    @Test
    void aSinkConnectedToARaisedLineSeesItHigh() {
        line.raise();
        line.connect(seen::add);
        assertThat(seen).containsExactly(true);
    }

    @Test
    void everySinkOnTheLineSeesTheEdge() {
        List<Boolean> other = new ArrayList<>();
        line.connect(seen::add);
        line.connect(other::add);
        line.raise();
        assertThat(seen).containsExactly(true);
        assertThat(other).containsExactly(true);
    }

    @Test
    void aLineNamesItselfAndItsLevel() {
        assertThat(line.name()).isEqualTo("irq8");
        assertThat(line).hasToString("irq8=0");
        line.raise();
        assertThat(line).hasToString("irq8=1");
    }
}
