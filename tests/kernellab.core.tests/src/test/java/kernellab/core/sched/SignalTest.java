package kernellab.core.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The one table of signals: signal(7)'s numbers and default actions on x86-64. */
class SignalTest {

    @Test
    void numbersAndDefaultActionsAreSignal7sForX8664() {
        assertEquals("SIGHUP=1:TERM SIGINT=2:TERM SIGQUIT=3:CORE SIGILL=4:CORE SIGTRAP=5:CORE SIGABRT=6:CORE SIGBUS=7:CORE "
                + "SIGFPE=8:CORE SIGKILL=9:TERM SIGUSR1=10:TERM SIGSEGV=11:CORE SIGUSR2=12:TERM SIGPIPE=13:TERM "
                + "SIGALRM=14:TERM SIGTERM=15:TERM SIGSTKFLT=16:TERM SIGCHLD=17:IGN SIGCONT=18:CONT SIGSTOP=19:STOP "
                + "SIGTSTP=20:STOP SIGTTIN=21:STOP SIGTTOU=22:STOP SIGURG=23:IGN SIGXCPU=24:CORE SIGXFSZ=25:CORE "
                + "SIGVTALRM=26:TERM SIGPROF=27:TERM SIGWINCH=28:IGN SIGIO=29:TERM SIGPWR=30:TERM SIGSYS=31:CORE",
                Arrays.stream(Signal.values()).map(s -> s + "=" + s.number() + ":" + s.action()).collect(Collectors.joining(" ")));
    }

    @Test
    void namesAndNumbersGoBothWays() {
        assertEquals(Signal.SIGSEGV, Signal.of(11));
        assertEquals("SIGRT_2", Signal.name(34));
        assertEquals(Signal.Action.TERM, Signal.action(64));
        assertEquals(Signal.SIGTERM, Signal.byName("term"));
        assertEquals(Signal.SIGKILL, Signal.byName("SIGKILL"));
        assertNull(Signal.byName("SIGFOO"));
        assertThrows(IllegalArgumentException.class, () -> Signal.of(0));
        assertThrows(IllegalArgumentException.class, () -> Signal.name(65));
    }
}
