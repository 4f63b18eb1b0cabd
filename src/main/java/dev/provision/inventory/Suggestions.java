package dev.provision.inventory;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the closest known name to a misspelt one, for "did you mean" hints.
 *
 * <p>Uses the optimal string alignment distance (Levenshtein plus adjacent transpositions), case
 * folded, and only suggests a name that is close for its length: better no hint than a silly one.
 */
public final class Suggestions {
    private Suggestions() {}

    /** The closest candidate within the distance allowed for {@code typed}'s length, if any. */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        String folded = typed.toLowerCase(Locale.ROOT);
        int allowed = folded.length() <= 3 ? 1 : folded.length() <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(folded, candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Up to {@code limit} candidates within the distance allowed for {@code typed}'s length, closest first. */
    public static java.util.List<String> nearest(String typed, Collection<String> candidates, int limit) {
        String folded = typed.toLowerCase(Locale.ROOT);
        int allowed = folded.length() <= 3 ? 1 : folded.length() <= 8 ? 2 : 3;
        return candidates.stream()
                .map(c -> java.util.Map.entry(c, distance(folded, c.toLowerCase(Locale.ROOT))))
                .filter(e -> e.getValue() <= allowed)
                .sorted(java.util.Map.Entry.comparingByValue())
                .limit(limit).map(java.util.Map.Entry::getKey).toList();
    }

    /** {@code did you mean "x"?} for a remedy, or the empty string when nothing is close. */
    public static String hint(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(s -> "did you mean \"" + s + "\"?").orElse("");
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
