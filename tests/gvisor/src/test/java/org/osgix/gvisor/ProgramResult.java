package org.osgix.gvisor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One program's cases, natively and under osgix, judged against the known-failures list. A case
 * counts only when it passes natively.
 */
record ProgramResult(String program, List<String> cases, Map<String, CaseStatus> nativeRun,
    Map<String, CaseStatus> osgixRun, Set<String> passedOnRetry, Duration nativeTime, Duration osgixTime,
    KnownFailures known) {

    boolean counts(String testCase) {
        return nativeRun.get(testCase) == CaseStatus.PASS;
    }

    long counted() {
        return cases.stream().filter(this::counts).count();
    }

    long passing() {
        return cases.stream().filter(c -> counts(c) && osgixRun.get(c) == CaseStatus.PASS).count();
    }

    /** The verdict column of the table: ok, known, NEW FAILURE, NOW PASSES, or not counted. */
    String verdict(String testCase) {
        if (!counts(testCase)) {
            return "not counted (native " + nativeRun.get(testCase).label() + ")";
        }
        String reason = known.reason(program, testCase);
        boolean passed = osgixRun.get(testCase) == CaseStatus.PASS;
        if (passed) {
            return reason == null || KnownFailures.isFlaky(reason) ? "ok" : "NOW PASSES";
        }
        return reason == null ? "NEW FAILURE" : "known";
    }

    /**
     * Known failures that pass fail the run only with {@code -Dosgix.gvisor.strict=true} (when the
     * list is being brought up to date): several are timing-dependent and pass now and then, and a
     * guest that does better than the list says is no regression.
     */
    private static final boolean STRICT = Boolean.getBoolean("osgix.gvisor.strict");

    /** What fails the run: new failures, list entries naming no case (and, strict, known failures that pass). */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (String c : cases) {
            String verdict = verdict(c);
            if (verdict.equals("NEW FAILURE")) {
                problems.add("new failure: " + program + " " + c + " (osgix " + osgixRun.get(c).label() + ")");
            } else if (verdict.equals("NOW PASSES") && STRICT) {
                problems.add("known failure now passes (remove it from the list): " + program + " " + c);
            } else if (verdict.equals("NOW PASSES")) {
                System.out.println("note: known failure passed this time (flaky or fixed): " + program + " " + c);
            }
        }
        for (Map.Entry<String, String> listed : known.of(program).entrySet()) {
            if (!cases.contains(listed.getKey()) && !KnownFailures.isExcluded(listed.getValue())) {
                problems.add("known-failures entry names no case of " + program + ": " + listed.getKey());
            }
        }
        return problems;
    }
}
