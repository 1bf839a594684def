package org.trapline.qtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LongKeyedCacheTest {
    @Test
    void aKeptValueIsFoundByItsKeyOnly() {
        LongKeyedCache<String> cache = new LongKeyedCache<>(10);
        assertThat(cache.find(0x1237_8086L)).isNull();
        assertThat(cache.keep(0x1237_8086L, "OK 0x12378086")).isEqualTo("OK 0x12378086");
        assertThat(cache.find(0x1237_8086L)).isEqualTo("OK 0x12378086");
        assertThat(cache.find(0x1237_8087L)).isNull();
    }

    @Test
    void aKeyThatTakesAnotherKeysSlotReplacesItButNeverAnswersForIt() {
        LongKeyedCache<Long> cache = new LongKeyedCache<>(1); // two slots for five keys
        for (long key = 0; key < 5; key++) {
            cache.keep(key, key);
        }
        int found = 0;
        for (long key = 0; key < 5; key++) {
            Long value = cache.find(key);
            if (value != null) {
                assertThat(value).isEqualTo(key);
                found++;
            }
        }
        assertThat(found).isBetween(1, 2);
    }

    @Test
    void theTableSizeIsBounded() {
        assertThatThrownBy(() -> new LongKeyedCache<>(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LongKeyedCache<>(31)).isInstanceOf(IllegalArgumentException.class);
    }
}
