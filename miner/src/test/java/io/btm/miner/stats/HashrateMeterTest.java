package io.btm.miner.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HashrateMeterTest {
    @Test
    void ratesAreAveragedOverFullSecondsOfEachWindow() {
        HashrateMeter meter = new HashrateMeter(0);
        for (int second = 0; second < 120; second++) {
            meter.add(second * 1000L + 500, second < 60 ? 10 : 40);
        }
        long now = 120_000;
        assertThat(meter.rate(now, 10)).isEqualTo(40.0);
        assertThat(meter.rate(now, 60)).isEqualTo(40.0);
        assertThat(meter.rate(now, 900)).isEqualTo((60 * 10 + 60 * 40) / 120.0); // the meter's whole life
        assertThat(meter.total()).isEqualTo(60 * 10 + 60 * 40);
    }

    @Test
    void aQuietDeviceDropsToZeroAndOldSlotsAreReused() {
        HashrateMeter meter = new HashrateMeter(1000);
        meter.add(1500, 100);
        assertThat(meter.rate(1999, 10)).isZero(); // no full second yet
        assertThat(meter.rate(3000, 10)).isEqualTo(50.0);
        assertThat(meter.rate(30_000, 10)).isZero();
        meter.add(1000 + 900_500, 9); // the same ring slot as the first second, 15 minutes on
        assertThat(meter.rate(1000 + 901_000, 900)).isEqualTo(9 / 900.0);
    }
}
