package org.xmppboot.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    private final ReconnectPolicy policy = ReconnectPolicy.backoff(Duration.ofMillis(500), Duration.ofSeconds(8));

    @Test
    void theBoundDoublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(policy.bound(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.bound(2)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.bound(5)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.bound(6)).isEqualTo(Duration.ofSeconds(8));
        assertThat(policy.bound(10_000)).as("no overflow").isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void delaysAreSpreadOverTheWholeRangeBelowTheBound() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 10_000; i++) {
            long delay = policy.delay(1, random).toMillis();
            min = Math.min(min, delay);
            max = Math.max(max, delay);
        }
        assertThat(max).as("never above the bound").isLessThanOrEqualTo(500).as("reaches near it").isGreaterThan(480);
        assertThat(min).as("full jitter: down to nearly nothing").isLessThan(20);
    }

    @Test
    void maxAttemptsCountsFailedAttemptsInARow() {
        ReconnectPolicy three = policy.withMaxAttempts(3);
        assertThat(three.allowsRetry(1)).isTrue();
        assertThat(three.allowsRetry(2)).isTrue();
        assertThat(three.allowsRetry(3)).isFalse();
        assertThat(policy.allowsRetry(1_000_000)).as("0 is forever").isTrue();
        assertThat(ReconnectPolicy.DISABLED.allowsRetry(1)).isFalse();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> ReconnectPolicy.backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("initialDelay");
        assertThatThrownBy(() -> ReconnectPolicy.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("maxDelay");
        assertThatThrownBy(() -> policy.withMaxAttempts(-1)).hasMessageContaining("maxAttempts");
    }
}
