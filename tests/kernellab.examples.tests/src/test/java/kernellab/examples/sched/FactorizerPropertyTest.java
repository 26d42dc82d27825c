package kernellab.examples.sched;

import static kernellab.examples.Machine.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import kernellab.examples.Machine;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/** The factorizer is right for any number, and charges exactly one microsecond per trial. */
class FactorizerPropertyTest {

    @Property(tries = 60)
    void printsThePrimeFactorsInOrderAndSpendsOneMicrosecondPerTrial(@ForAll @LongRange(min = 1, max = 2_000_000_000L) long n) {
        try (Machine m = Machine.lab()) {
            m.launch("factor", new Factorizer(), Long.toString(n));
            m.runToCompletion(100_000 * MS);
            List<String> out = m.output();
            assertEquals(2, out.size(), out.toString());
            String prefix = "factor[2]: " + n + ":";
            assertTrue(out.get(0).startsWith(prefix), out.get(0));
            List<Long> factors = new ArrayList<>();
            for (String f : out.get(0).substring(prefix.length()).trim().split(" ")) {
                if (!f.isEmpty()) {
                    factors.add(Long.parseLong(f));
                }
            }
            BigInteger product = BigInteger.ONE;
            for (int i = 0; i < factors.size(); i++) {
                assertTrue(BigInteger.valueOf(factors.get(i)).isProbablePrime(50), factors.get(i) + " is prime");
                assertTrue(i == 0 || factors.get(i) >= factors.get(i - 1), "ascending: " + factors);
                product = product.multiply(BigInteger.valueOf(factors.get(i)));
            }
            assertEquals(BigInteger.valueOf(n), product);
            long trials = n == 1 ? 0 : expectedTrials(factors.get(factors.size() - 1),
                    factors.size() > 1 ? factors.get(factors.size() - 2) : 1);
            assertEquals(trials * Factorizer.NS_PER_TRIAL, m.task(2).sumExecRuntime(), "CPU time of " + n);
        }
    }

    /**
     * The number of trials, from the factors alone: trial division tries every d from 2 while
     * d² is at most what is left. While d ≤ r (the largest factor but one) the rest still holds r
     * and the largest factor q, so the loop goes on; once r is divided out only q is left, and the
     * loop goes on while d² ≤ q. So the last d tried is max(r, ⌊√q⌋), and d starts at 2.
     */
    private static long expectedTrials(long largest, long largestButOne) {
        long isqrt = (long) Math.sqrt(largest);
        while (isqrt * isqrt > largest) {
            isqrt--;
        }
        while ((isqrt + 1) * (isqrt + 1) <= largest) {
            isqrt++;
        }
        return Math.max(largestButOne, isqrt) - 1;
    }
}
