package io.preemptscope.analysis;

import io.preemptscope.model.version.RuntimeProfile;

/**
 * The Go release family the analysis assumes, and why.
 *
 * @param version what the user gave or the evidence says ("go1.19.8", "go1.14+ (inferred)")
 * @param profile the model profile used
 * @param asyncpreemptoff whether GODEBUG=asyncpreemptoff=1 is assumed
 * @param basis the evidence: "--go-version", "build info of /path", "tgkill(SIGURG) sent by the process", ...
 */
public record VersionChoice(String version, RuntimeProfile profile, boolean asyncpreemptoff, String basis) {}
