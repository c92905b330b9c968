package io.preemptscope.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** What every report must hold, whatever the capture: self-contained, no scripts, decodable charts. */
final class ReportChecks {
    static final String PNG_PREFIX = "data:image/png;base64,";

    private ReportChecks() {}

    static void selfContainedAndScriptFree(Document doc) {
        assertThat(doc.select("script")).as("script elements").isEmpty();
        assertThat(doc.select("iframe, object, embed, link, base, form, meta[http-equiv=refresh]")).isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute a : e.attributes()) {
                assertThat(a.getKey()).as("attribute of <%s>", e.tagName()).doesNotStartWith("on");
                assertThat(a.getValue().toLowerCase(java.util.Locale.ROOT).strip())
                        .as("attribute %s", a.getKey()).doesNotStartWith("javascript:");
            }
        }
        for (Element a : doc.select("a[href]")) {
            assertThat(a.attr("href")).startsWith("https://");
        }
        for (Element img : doc.select("img")) {
            assertThat(img.attr("src")).startsWith(PNG_PREFIX);
        }
        assertThat(doc.select("[style*=url]")).isEmpty();
        assertThat(doc.select("style").html()).doesNotContain("url(").doesNotContain("@import");
        Element csp = doc.selectFirst("meta[http-equiv=Content-Security-Policy]");
        assertThat(csp).isNotNull();
        assertThat(csp.attr("content")).contains("default-src 'none'").doesNotContain("script-src");
    }

    /** Every chart is a PNG of sensible size with alt text, a caption and its table. */
    static void chartsDecode(Document doc) throws IOException {
        for (Element figure : doc.select("figure")) {
            Element img = figure.selectFirst("img");
            assertThat(img).isNotNull();
            assertThat(img.attr("alt")).as("alt of %s", figure.id()).isNotBlank();
            byte[] png = Base64.getDecoder().decode(img.attr("src").substring(PNG_PREFIX.length()));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as("PNG of %s", figure.id()).isNotNull();
            assertThat(image.getWidth()).isBetween(400, 2000);
            assertThat(image.getHeight()).isBetween(200, 2000);
            assertThat(png.length).isBetween(3_000, 600_000);
            assertThat(figure.select("figcaption").text()).isNotBlank();
            assertThat(figure.select("details table tr")).isNotEmpty();
        }
    }
}
