package dev.strata.deploy.window;

import java.util.function.IntPredicate;

/** Finds the first of n changes that makes a check fail, by halving (the check with none passes, with all fails). */
final class Bisect {
    private Bisect() {
    }

    /**
     * The smallest k in 1..n such that {@code failsWith.test(k)} (the check with the first k changes applied),
     * assuming that once it fails it keeps failing; asks at most ceil(log2 n) questions.
     */
    static int firstFailing(int n, IntPredicate failsWith) {
        int passes = 0;
        int fails = n;
        while (fails - passes > 1) {
            int mid = (passes + fails) >>> 1;
            if (failsWith.test(mid)) {
                fails = mid;
            } else {
                passes = mid;
            }
        }
        return fails;
    }
}
