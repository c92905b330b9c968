package io.preemptscope.analysis.input;

/**
 * Evidence that two inputs are not captures of one run.
 *
 * @param first the input named first
 * @param second the other one
 * @param reason what does not match, e.g. "their times do not overlap"
 * @param evidence what each input shows, naming both
 */
record RunMismatch(String first, String second, String reason, String evidence) {
    String refusal() {
        return first + " and " + second + " are not of one run (" + reason + "): " + evidence
                + "; pass --same-run to analyse them together anyway";
    }

    String warning() {
        return first + " and " + second + " may not be of one run (" + reason + "): " + evidence
                + "; analysed together as --same-run asks";
    }
}
