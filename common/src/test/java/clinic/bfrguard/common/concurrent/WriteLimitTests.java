package clinic.bfrguard.common.concurrent;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteLimitTests {

    @Test
    void noMoreThanTheLimitRunAtOnceAndEveryCallRuns() throws Exception {
        WriteLimit limit = new WriteLimit(2, Duration.ofSeconds(10));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int n = i;
                calls.add(callers.submit(() -> limit.call(() -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.sleep(30);
                    running.decrementAndGet();
                    return n;
                })));
            }
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> call : calls) {
                results.add(call.get(10, TimeUnit.SECONDS));
            }
            assertThat(results).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7);
            assertThat(most.get()).isEqualTo(2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aCallThatFindsNoPlaceInTimeIsRefusedAndThePlaceIsFreedAfterAFailure() throws Exception {
        WriteLimit limit = new WriteLimit(1, Duration.ofMillis(100));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService holder = Executors.newSingleThreadExecutor();
        try {
            Future<Object> held = holder.submit(() -> limit.call(() -> {
                holding.countDown();
                release.await();
                throw new IllegalStateException("the change failed");
            }));
            assertThat(holding.await(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> limit.call(() -> "second")).isInstanceOf(WriteLimit.Busy.class)
                    .hasMessageContaining("100 ms");
            release.countDown();
            assertThatThrownBy(() -> held.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            assertThat(limit.call(() -> "after")).isEqualTo("after");
        } finally {
            holder.shutdownNow();
        }
    }

    @Test
    void aLimitBelowOneIsAConfigurationError() {
        assertThatThrownBy(() -> new WriteLimit(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
