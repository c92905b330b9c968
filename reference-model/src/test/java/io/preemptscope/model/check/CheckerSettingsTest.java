package io.preemptscope.model.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.preemptscope.model.version.GoVersion;
import io.preemptscope.model.version.RuntimeProfile;
import org.junit.jupiter.api.Test;

/** The builder changes only what it names. */
class CheckerSettingsTest {

    @Test
    void aBuilderStartsFromTheDefaultsOrFromGivenSettings() {
        CheckerSettings d = CheckerSettings.defaults(RuntimeProfile.GO1_15, true);
        assertThat(CheckerSettings.builder(RuntimeProfile.GO1_15, true).build()).isEqualTo(d);
        CheckerSettings changed = d.toBuilder().sysmonDelayNs(1).slackNs(2).retryWindowNs(3).stormPerSecondThread(4)
                .deliveryLatencyNs(5).restartStormCount(6).release(GoVersion.parse("1.15.2")).build();
        assertThat(changed).isEqualTo(new CheckerSettings(RuntimeProfile.GO1_15, true, 1, 2, 3, 4, 5, 6,
                GoVersion.parse("1.15.2")));
        assertThat(changed.toBuilder().build()).isEqualTo(changed);
        assertThat(changed.withSlackNs(7).slackNs()).isEqualTo(7);
        assertThat(changed.withRelease(null)).isEqualTo(changed.toBuilder().release(null).build());
    }
}
