package io.preemptscope.gotrace.v2;

import io.preemptscope.gotrace.GoEvent;
import io.preemptscope.gotrace.GoTrace;
import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.gotrace.Frame;
import io.preemptscope.gotrace.GoTraceAnalysis;
import io.preemptscope.gotrace.Preemption;
import io.preemptscope.gotrace.PreemptionKind;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** cmd/trace's go122.test: a real Go 1.22 trace (one generation) in text form. */
class Go122TraceTest {

    @Test
    void decodesWithItsEventCounts() throws Exception {
        GoTrace t = V2Decoding.decode(V2Corpus.go122());
        assertThat(t.version()).isEqualTo("1.22");
        assertThat(t.generations()).isEqualTo(1);
        assertThat(t.ticksPerSecond()).isEqualTo(15_625_000);
        Map<String, Long> counts = new TreeMap<>();
        t.events().forEach(e -> counts.merge(e.name(), 1L, Long::sum));
        // 3896 records minus the header line, 14 EventBatch, Frequency, Strings + 210 String, Stacks + 95 Stack
        assertThat(t.events()).hasSize(3573);
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("GCBegin", 3L), Map.entry("GCEnd", 3L), Map.entry("GCMarkAssistBegin", 8L),
                Map.entry("GCMarkAssistEnd", 8L), Map.entry("GCSweepBegin", 18L), Map.entry("GCSweepEnd", 18L),
                Map.entry("GoBlock", 77L), Map.entry("GoCreate", 24L), Map.entry("GoDestroy", 13L),
                Map.entry("GoLabel", 13L), Map.entry("GoStart", 114L), Map.entry("GoStatus", 5L),
                Map.entry("GoStop", 20L), Map.entry("GoSyscallBegin", 35L), Map.entry("GoSyscallEnd", 31L),
                Map.entry("GoSyscallEndBlocked", 4L), Map.entry("GoUnblock", 66L), Map.entry("HeapAlloc", 2833L),
                Map.entry("HeapGoal", 4L), Map.entry("ProcStart", 123L), Map.entry("ProcStatus", 8L),
                Map.entry("ProcSteal", 4L), Map.entry("ProcStop", 119L), Map.entry("ProcsChange", 8L),
                Map.entry("STWBegin", 7L), Map.entry("STWEnd", 7L)));
    }

    @Test
    void reasonStringsAndThreadIdsAreResolved() throws Exception {
        GoTrace t = V2Decoding.decode(V2Corpus.go122());
        // line 7: "GoStop dt=291990 reason_string=16 stack=50" in the batch of thread 1709048
        GoEvent stop = t.events().stream().filter(e -> e.offset() == 7).findFirst().orElseThrow();
        assertThat(stop.name()).isEqualTo("GoStop");
        assertThat(stop.stringArgs()).containsEntry("reason", "preempted");
        assertThat(stop.stackId()).isEqualTo(50);
        assertThat(stop.g()).isEqualTo(34);
        assertThat(stop.p()).isEqualTo(7);
        assertThat(stop.thread()).isEqualTo(1_709_048);
    }

    @Test
    void twentyPreemptionsTwoOfThemAsync() throws Exception {
        GoTraceAnalysis a = GoTraceAnalysis.of(V2Decoding.decode(V2Corpus.go122()));
        assertThat(a.preemptions()).hasSize(20);
        List<Preemption> async = a.preemptions().stream().filter(p -> p.kind() == PreemptionKind.ASYNC).toList();
        assertThat(async).hasSize(2);
        for (Preemption p : async) {
            assertThat(p.stack().stream().map(Frame::function))
                    .containsExactly("runtime.asyncPreempt", "main.cpuHog", "main.main.func1");
        }
        Map<String, Long> cooperativeTops = a.preemptions().stream().filter(p -> p.kind() == PreemptionKind.COOPERATIVE)
                .collect(Collectors.groupingBy(p -> p.stack().stream().map(Frame::function).toList().toString(),
                        TreeMap::new, Collectors.counting()));
        assertThat(cooperativeTops.get("[main.main.func1]")).isEqualTo(14);
        assertThat(cooperativeTops.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(18);
    }
}
