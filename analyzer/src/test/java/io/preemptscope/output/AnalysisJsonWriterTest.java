package io.preemptscope.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.analysis.AnalysisMetrics;
import io.preemptscope.analysis.AnalysisResult;
import io.preemptscope.analysis.CaptureTime;
import io.preemptscope.analysis.Evidence;
import io.preemptscope.analysis.Finding;
import io.preemptscope.model.anomaly.Severity;
import io.preemptscope.model.anomaly.Source;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Seals the analyze JSON: field names and order, how numbers print, and which nulls are written.
 * CI jobs read this document; a change here is a schema change (raise {@link AnalysisResult#SCHEMA}).
 */
class AnalysisJsonWriterTest {

    @Test
    void theSchemaFieldByField() throws IOException {
        Map<String, Long> eintr = new LinkedHashMap<>();
        eintr.put("read", 3L);
        eintr.put("futex", 1L);
        AnalysisMetrics metrics = new AnalysisMetrics(12L, 10L, 2L, new AnalysisMetrics.Preemptions(7, null),
                new AnalysisMetrics.Latency(0, null, null, null, null), "strace: time run when SIGURG arrived", null,
                eintr, Map.of(), new AnalysisMetrics.Sysmon(-1, Map.of(), null, null), 4, 1234.5, true,
                new AnalysisMetrics.Calibration(150.0, 10000.0, 30.3), 9L,
                new AnalysisMetrics.SigurgSenders(
                        new AnalysisMetrics.SigurgSender(9L, 8, new AnalysisMetrics.Latency(7, 10.25, 10.5, 11.0, 11.0),
                                new AnalysisMetrics.Latency(8, 0.03, 0.05, 1.2, 1.2)),
                        new AnalysisMetrics.SigurgSender(3L, 2, new AnalysisMetrics.Latency(0, null, null, null, null),
                                new AnalysisMetrics.Latency(2, 0.02, 0.02, 0.02, 0.02)),
                        new AnalysisMetrics.SigurgSender(null, 0, new AnalysisMetrics.Latency(0, null, null, null, null),
                                null)),
                new AnalysisMetrics.Latency(10, 0.03, 0.05, 1.2, 1.2),
                new AnalysisMetrics.LongestRun(985.866, 12375, "capture end"),
                new AnalysisMetrics.RequestStreak(12375, 3, 20.1), null, null);
        Finding onStrace = new Finding("COOP_STARVATION", Severity.WARNING, 12375, null, new BigDecimal("43272.009407"),
                List.of(Evidence.line("capture.txt", 263), Evidence.line("capture.txt", 270)), "rule A2", "ran long",
                "docs/model.md#coop_starvation", List.of(new Source("proc.go", "https://example.org/proc.go")),
                new CaptureTime(new BigDecimal("1.500000"), "12:01:07.009407"), Finding.STRACE);
        Finding onTrace = new Finding("PREEMPT_LATENCY_EXCEEDED", Severity.ERROR, -1, 5L, new BigDecimal("0.104131375"),
                List.of(Evidence.offset("go.trace", 422)), "rule A1", "a \"quoted\" word",
                "docs/model.md#preempt_latency_exceeded", List.of(),
                new CaptureTime(null, null), Finding.GO_TRACE);
        AnalysisResult result = new AnalysisResult(AnalysisResult.SCHEMA, List.of("capture.txt", "go.trace"),
                "go1.14", "go1.14-1.15", true, "capture.json", metrics,
                Map.of("COOP_STARVATION", 1L), List.of(onStrace, onTrace), "off");

        StringWriter out = new StringWriter();
        AnalysisJsonWriter.write(result, new PrintWriter(out));

        assertThat(out.toString()).isEqualTo("""
                {
                  "schema" : 1,
                  "inputs" : [ "capture.txt", "go.trace" ],
                  "goVersion" : "go1.14",
                  "profile" : "go1.14-1.15",
                  "asyncpreemptoff" : true,
                  "asyncPreemption" : "off",
                  "goVersionBasis" : "capture.json",
                  "metrics" : {
                    "sigurgSent" : 12,
                    "sigurgDelivered" : 10,
                    "sigurgCoalesced" : 2,
                    "sigurgSentBySysmon" : 9,
                    "sigurgBySender" : {
                      "sysmon" : {
                        "sent" : 9,
                        "delivered" : 8,
                        "userRunBeforeDeliveryMs" : {
                          "count" : 7,
                          "p50" : 10.25,
                          "p90" : 10.5,
                          "p99" : 11.0,
                          "max" : 11.0
                        },
                        "deliveryLatencyMs" : {
                          "count" : 8,
                          "p50" : 0.03,
                          "p90" : 0.05,
                          "p99" : 1.2,
                          "max" : 1.2
                        }
                      },
                      "others" : {
                        "sent" : 3,
                        "delivered" : 2,
                        "userRunBeforeDeliveryMs" : {
                          "count" : 0,
                          "p50" : null,
                          "p90" : null,
                          "p99" : null,
                          "max" : null
                        },
                        "deliveryLatencyMs" : {
                          "count" : 2,
                          "p50" : 0.02,
                          "p90" : 0.02,
                          "p99" : 0.02,
                          "max" : 0.02
                        }
                      },
                      "unseen" : {
                        "sent" : null,
                        "delivered" : 0,
                        "userRunBeforeDeliveryMs" : {
                          "count" : 0,
                          "p50" : null,
                          "p90" : null,
                          "p99" : null,
                          "max" : null
                        },
                        "deliveryLatencyMs" : null
                      }
                    },
                    "sigurgDeliveryLatencyMs" : {
                      "count" : 10,
                      "p50" : 0.03,
                      "p90" : 0.05,
                      "p99" : 1.2,
                      "max" : 1.2
                    },
                    "preemptions" : {
                      "async" : 7,
                      "cooperative" : null
                    },
                    "preemptLatencyMs" : {
                      "count" : 0,
                      "p50" : null,
                      "p90" : null,
                      "p99" : null,
                      "max" : null
                    },
                    "latencyBasis" : "strace: time run when SIGURG arrived",
                    "longestUserRun" : {
                      "ms" : 985.866,
                      "tid" : 12375,
                      "endedBy" : "capture end"
                    },
                    "sysmonRequestStreak" : {
                      "tid" : 12375,
                      "requests" : 3,
                      "spanMs" : 20.1
                    },
                    "syscallRetakes" : null,
                    "eintr" : {
                      "read" : 3,
                      "futex" : 1
                    },
                    "restarts" : { },
                    "sysmon" : {
                      "tid" : -1,
                      "delays" : { },
                      "overshootP99Us" : null,
                      "sleptMs" : null
                    },
                    "threads" : 4,
                    "durationMs" : 1234.5,
                    "calibration" : {
                      "slackUs" : 150.0,
                      "sysmonDelayUs" : 10000.0,
                      "preemptDeadlineMs" : 30.3
                    },
                    "join" : null,
                    "kernel" : null
                  },
                  "findingCounts" : {
                    "COOP_STARVATION" : 1
                  },
                  "findings" : [ {
                    "id" : "COOP_STARVATION",
                    "severity" : "warning",
                    "tid" : 12375,
                    "goroutine" : null,
                    "ts" : 43272.009407,
                    "offset" : 1.500000,
                    "clock" : "12:01:07.009407",
                    "capture" : "strace",
                    "evidence" : [ {
                      "file" : "capture.txt",
                      "line" : 263
                    }, {
                      "file" : "capture.txt",
                      "line" : 270
                    } ],
                    "rule" : "rule A2",
                    "message" : "ran long",
                    "ruleDoc" : "docs/model.md#coop_starvation",
                    "sources" : [ {
                      "title" : "proc.go",
                      "url" : "https://example.org/proc.go"
                    } ]
                  }, {
                    "id" : "PREEMPT_LATENCY_EXCEEDED",
                    "severity" : "error",
                    "tid" : -1,
                    "goroutine" : 5,
                    "ts" : 0.104131375,
                    "offset" : null,
                    "clock" : null,
                    "capture" : "go trace",
                    "evidence" : [ {
                      "file" : "go.trace",
                      "offset" : 422
                    } ],
                    "rule" : "rule A1",
                    "message" : "a \\"quoted\\" word",
                    "ruleDoc" : "docs/model.md#preempt_latency_exceeded",
                    "sources" : [ ]
                  } ]
                }
                """);
    }
}
