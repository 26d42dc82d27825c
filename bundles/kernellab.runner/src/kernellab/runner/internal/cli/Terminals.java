package kernellab.runner.internal.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether the runner talks to a person at a terminal. */
final class Terminals {

    private Terminals() {
    }

    /**
     * @return whether standard input and output are a terminal: {@link System#console()} exists
     *         and, on Java 22 and later (where it exists for redirected streams too), says
     *         {@code isTerminal()}
     */
    static boolean interactive() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(c);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
