package org.xmppboot.sm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AckQueueTest {

    private static byte[] stanza(int i) {
        return new byte[] {(byte) i};
    }

    @Test
    void anAckDropsWhatItCoversOldestFirstAndAcksNeverGoBack() {
        AckQueue queue = new AckQueue();
        for (int i = 1; i <= 5; i++) {
            queue.add(stanza(i));
        }
        assertThat(queue.ack(2)).isEqualTo(2);
        assertThat(queue.unacked()).extracting(b -> (int) b[0]).containsExactly(3, 4, 5);
        assertThat(queue.ack(2)).as("the same h again: nothing new").isZero();
        assertThat(queue.ack(1)).as("going back looks like 2^32-1 new acks: refused").isEqualTo(-1);
        assertThat(queue.ack(6)).as("more than was sent").isEqualTo(-1);
        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.ack(5)).isEqualTo(3);
        assertThat(queue.size()).isZero();
    }

    @Test
    void countsWrapAtTwoToTheThirtyTwo() {
        AckQueue queue = new AckQueue();
        queue.restartAt(0xFFFF_FFFF);
        queue.add(stanza(1));
        queue.add(stanza(2));
        assertThat(Integer.toUnsignedString(queue.sent())).isEqualTo("1");
        assertThat(queue.sentSince(0xFFFF_FFFF)).isEqualTo(2);
        assertThat(queue.ack(0)).isEqualTo(1);
        assertThat(queue.ack(1)).isEqualTo(1);
        assertThat(queue.size()).isZero();
    }

    @Test
    void drainTakesEverythingUnacknowledgedAndCountsItAsGone() {
        AckQueue queue = new AckQueue();
        queue.add(stanza(1));
        queue.add(stanza(2));
        queue.ack(1);
        assertThat(queue.drain()).extracting(b -> (int) b[0]).containsExactly(2);
        assertThat(queue.size()).isZero();
        assertThat(queue.ack(2)).isZero();
    }
}
