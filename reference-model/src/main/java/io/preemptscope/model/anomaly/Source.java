package io.preemptscope.model.anomaly;

import java.util.Objects;

/**
 * A public place where a rule can be checked: the Go source at a release tag, or a Linux man
 * page. The title names what to read there (the function, or the man page section), as a link
 * to a whole file cannot.
 *
 * @param title what to read, e.g. "go1.19 src/runtime/proc.go: retake"
 * @param url an https link, e.g. https://github.com/golang/go/blob/go1.19/src/runtime/proc.go
 */
public record Source(String title, String url) {
    private static final String GO_BLOB = "https://github.com/golang/go/blob/";
    private static final String MAN7 = "https://man7.org/linux/man-pages/man";

    public Source {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
        if (title.isBlank()) {
            throw new IllegalArgumentException("blank title");
        }
        if (!url.startsWith("https://")) {
            throw new IllegalArgumentException("not an https link: " + url);
        }
    }

    /**
     * A file of the Go source tree at a release tag.
     *
     * @param tag a golang/go release tag, e.g. "go1.14.1"
     * @param path the path under src/, e.g. "runtime/proc.go"
     * @param what the function(s) or declaration to read there
     */
    public static Source goSource(String tag, String path, String what) {
        if (!tag.startsWith("go1.")) {
            throw new IllegalArgumentException("not a Go release tag: " + tag);
        }
        return new Source(tag + " src/" + path + ": " + what, GO_BLOB + tag + "/src/" + path);
    }

    /**
     * A Linux man page on man7.org.
     *
     * @param page the page name, e.g. "signal"
     * @param section the manual section, e.g. 7
     * @param topic the part of the page to read (a section heading or a flag), or null for the whole page
     */
    public static Source manPage(String page, int section, String topic) {
        String name = page + "(" + section + ")";
        return new Source(topic == null ? name : name + ": " + topic,
                MAN7 + section + "/" + page + "." + section + ".html");
    }
}
