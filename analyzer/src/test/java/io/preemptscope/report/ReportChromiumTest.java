package io.preemptscope.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.preemptscope.testing.Cli;
import io.preemptscope.testing.Corpus;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report as a browser shows it: headless Chromium renders it to a screenshot that must not be
 * blank, and its DOM after loading must hold every chart as a decoded image. Skipped, saying so,
 * only where Chromium is not installed (./run-tests installs it).
 */
class ReportChromiumTest {
    @TempDir
    Path dir;

    private static String chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(p, name))) {
                    return Path.of(p, name).toString();
                }
            }
        }
        return null;
    }

    private static String run(Path cwd, List<String> argv) throws Exception {
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return out;
    }

    @Test
    void chromiumRendersTheReportWithEveryImage() throws Exception {
        String chromium = chromium();
        assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium; ./run-tests installs it):"
                + " the browser rendering check is skipped");
        Path html = dir.resolve("report.html");
        String input = Corpus.samples().resolve("verdicts/seed-default.strace.txt").toString();
        assertThat(Cli.run("report", "-o", html.toString(), input).status()).isZero();
        List<String> base = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--hide-scrollbars", "--user-data-dir=" + dir.resolve("profile")));
        Path shot = dir.resolve("out.png");
        List<String> screenshot = new ArrayList<>(base);
        screenshot.addAll(List.of("--screenshot=" + shot, "--window-size=1280,2000", html.toUri().toString()));
        run(dir, screenshot);
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(distinctColours(image)).as("colours in the screenshot").isGreaterThan(20);
        assertThat(nonWhiteShare(image)).as("share of non-white pixels").isGreaterThan(0.03);

        // the DOM after load: every image decoded (naturalWidth is not in the DOM, so the CSP must
        // have let each data: URI through: a blocked image would show its alt text only)
        List<String> dump = new ArrayList<>(base);
        dump.addAll(List.of("--dump-dom", html.toUri().toString()));
        Document dom = Jsoup.parse(run(dir, dump));
        assertThat(dom.select("img")).hasSizeGreaterThanOrEqualTo(4);
        assertThat(dom.select("img")).allMatch(img -> img.attr("src").startsWith(ReportChecks.PNG_PREFIX));
        assertThat(dom.select("script")).isEmpty();
        assertThat(dom.selectFirst("p.verdict").text()).startsWith("Async preemption worked");
        // images load: the charts' area of the screenshot is drawn (the blue of the async bars)
        assertThat(countColour(image, 0x0072B2)).as("pixels of the async colour").isGreaterThan(500);
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    private static double nonWhiteShare(BufferedImage image) {
        long n = 0;
        long all = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                all++;
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    n++;
                }
            }
        }
        return (double) n / all;
    }

    private static long countColour(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int c = image.getRGB(x, y) & 0xFFFFFF;
                if (Math.abs(((c >> 16) & 0xFF) - ((rgb >> 16) & 0xFF)) < 12 && Math.abs(((c >> 8) & 0xFF) - ((rgb >> 8) & 0xFF)) < 12
                        && Math.abs((c & 0xFF) - (rgb & 0xFF)) < 12) {
                    n++;
                }
            }
        }
        return n;
    }
}
