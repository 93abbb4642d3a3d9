package org.xmppboot.hostile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.xmppboot.hostile.HostileCase.Category;
import org.xmppboot.hostile.HostileCase.Stage;

/** Counts of a run: cases per category and outcome, per stage, the slowest ends, and the failures. */
final class Tally {

    private final ConcurrentLinkedQueue<CaseRunner.Result> results = new ConcurrentLinkedQueue<>();

    void add(CaseRunner.Result result) {
        results.add(result);
    }

    int size() {
        return results.size();
    }

    List<CaseRunner.Result> failures() {
        List<CaseRunner.Result> failed = new ArrayList<>();
        for (CaseRunner.Result r : results) {
            if (!r.failures().isEmpty()) {
                failed.add(r);
            }
        }
        failed.sort(Comparator.comparingInt(CaseRunner.Result::index));
        return failed;
    }

    String report(String heading) {
        Map<Category, Map<String, Integer>> byCategory = new EnumMap<>(Category.class);
        Map<Category, Long> slowest = new EnumMap<>(Category.class);
        Map<Stage, Map<String, Integer>> byStage = new EnumMap<>(Stage.class);
        Map<String, Integer> total = new TreeMap<>();
        int tls = 0;
        for (CaseRunner.Result r : results) {
            byCategory.computeIfAbsent(r.category(), k -> new TreeMap<>()).merge(r.outcome(), 1, Integer::sum);
            byStage.computeIfAbsent(r.stage(), k -> new TreeMap<>()).merge(r.outcome(), 1, Integer::sum);
            slowest.merge(r.category(), r.endMillis(), Math::max);
            total.merge(r.outcome(), 1, Integer::sum);
            tls += r.tls() ? 1 : 0;
        }
        StringBuilder sb = new StringBuilder(heading).append('\n');
        sb.append(String.format("%d cases (%d over TLS), %d failed%n", results.size(), tls, failures().size()));
        sb.append("\nBy category (outcome: what the client last wrote; slowest end after the server's last act)\n");
        byCategory.forEach((category, outcomes) -> sb.append(String.format("  %-28s %5d  slowest %5d ms  %s%n",
                category, outcomes.values().stream().mapToInt(Integer::intValue).sum(), slowest.get(category),
                outcomes)));
        sb.append("\nBy stage\n");
        byStage.forEach((stage, outcomes) -> sb.append(String.format("  %-28s %5d  %s%n", stage,
                outcomes.values().stream().mapToInt(Integer::intValue).sum(), outcomes)));
        sb.append("\nAll outcomes\n");
        total.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sb.append(String.format("  %5d  %s%n", e.getValue(), e.getKey())));
        return sb.toString();
    }
}
