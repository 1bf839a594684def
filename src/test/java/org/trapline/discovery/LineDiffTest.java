package org.trapline.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineDiffTest {
    @Test
    void sameReportsAreAllContext() {
        assertThat(LineDiff.same(List.of("a", "b"), List.of("a", "b"))).isTrue();
        assertThat(LineDiff.of(List.of("a", "b"), List.of("a", "b"))).containsExactly("  a", "  b");
    }

    @Test
    void aChangedBlockIsShownPairByPairBetweenContext() {
        assertThat(LineDiff.same(List.of("a", "b"), List.of("a", "x"))).isFalse();
        assertThat(LineDiff.of(List.of("a", "b", "c", "d"), List.of("a", "x", "y", "d")))
                .containsExactly("  a", "- b", "+ x", "- c", "+ y", "  d");
    }

    @Test
    void linesOnlyOneSideHasAreMarkedForThatSide() {
        assertThat(LineDiff.of(List.of("a", "b", "c"), List.of("a", "c"))).containsExactly("  a", "- b", "  c");
        assertThat(LineDiff.of(List.of("a", "c"), List.of("a", "b", "c", "d"))).containsExactly("  a", "+ b", "  c", "+ d");
        assertThat(LineDiff.of(List.of(), List.of("z"))).containsExactly("+ z");
    }

    @Test
    void reportsTooLargeForTheTableArePairedInOrder() {
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        for (int i = 0; i < 2100; i++) {
            left.add("l" + i);
            right.add(i == 5 ? "changed" : "l" + i);
        }
        right.add("extra");
        List<String> diff = LineDiff.of(left, right);
        assertThat(diff).hasSize(2102).contains("- l5", "+ changed", "+ extra").element(0).isEqualTo("  l0");
    }
}
