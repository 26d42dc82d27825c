package kernellab.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodeBudgetTest {

    /** What the rewriter makes of {@code while (true) {}}: a check on every back edge. */
    private static void spin() {
        while (true) {
            CodeBudget.check();
        }
    }

    @Test
    void anArmedBudgetStopsTheCodeInItsOwnFrameAndStaysSpentUntilDisarmed() {
        CodeBudget.arm(10_000_000L);
        try {
            CodeBudget.BudgetExceeded e = assertThrows(CodeBudget.BudgetExceeded.class, CodeBudgetTest::spin);
            assertTrue(e.getMessage().matches("stopped: ran \\d+ ms of real time, more than its budget of 10 ms"), e.getMessage());
            assertEquals("spin", e.getStackTrace()[0].getMethodName());
            assertEquals(CodeBudgetTest.class.getName(), e.getStackTrace()[0].getClassName());
            assertThrows(CodeBudget.BudgetExceeded.class, CodeBudgetTest::spin);
        } finally {
            CodeBudget.disarm();
        }
        for (int i = 0; i < 10 * CodeBudget.PERIOD; i++) {
            CodeBudget.check();
        }
    }

    @Test
    void anotherThreadExpiresARunawayThreadForGood() throws Exception {
        Throwable[] stopped = new Throwable[1];
        Thread runaway = Thread.ofVirtual().unstarted(() -> {
            try {
                spin();
            } catch (CodeBudget.BudgetExceeded e) {
                stopped[0] = e;
            }
        });
        runaway.start();
        Thread.sleep(20);
        CodeBudget.expire(runaway, 1_234_000_000L);
        runaway.join();
        assertEquals("stopped by the watchdog: ran 1234 ms of real time without a system call", stopped[0].getMessage());
    }

    @Test
    void rethrowIfSpentRethrowsOnlyWhatMustEndTheCode() {
        CodeBudget.rethrowIfSpent(new IllegalStateException());
        CodeBudget.rethrowIfSpent(new StackOverflowError());
        Coroutine.Killed killed = new Coroutine.Killed();
        assertSame(killed, assertThrows(Coroutine.Killed.class, () -> CodeBudget.rethrowIfSpent(killed)));
        CodeBudget.BudgetExceeded spent = new CodeBudget.BudgetExceeded("x");
        assertSame(spent, assertThrows(CodeBudget.BudgetExceeded.class, () -> CodeBudget.rethrowIfSpent(spent)));
    }
}
