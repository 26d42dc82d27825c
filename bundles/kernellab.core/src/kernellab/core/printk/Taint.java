package kernellab.core.printk;

/**
 * The kernel's taint mask ({@code kernel/panic.c}): once something suspicious happened, every
 * later report says so in its header ({@code print_tainted()}).
 */
public final class Taint {

    /** The taint letters in kernel order, {@code c_true} when set. */
    private static final String SET = "PFSRMBUDAWCIOELKXTN";
    /** The same positions when not set ({@code c_false}): {@code G} for the first, blanks otherwise. */
    private static final String UNSET = "G                  ";

    /** TAINT_BAD_PAGE: bad page state or slab corruption was reported ({@code B}). */
    public static final int BAD_PAGE = 5;
    /** TAINT_DIE: the kernel oopsed ({@code D}). */
    public static final int DIE = 7;
    /** TAINT_WARN: a WARN() fired ({@code W}). */
    public static final int WARN = 9;

    private int mask;

    /**
     * Adds a taint ({@code add_taint()}).
     *
     * @param flag one of the constants of this class
     */
    public void add(int flag) {
        mask |= 1 << flag;
    }

    /**
     * @param flag one of the constants of this class
     * @return whether it is set
     */
    public boolean test(int flag) {
        return (mask & 1 << flag) != 0;
    }

    /** @return {@code "Not tainted"} or {@code "Tainted: G    B             "} as {@code print_tainted()} prints it */
    @Override
    public String toString() {
        if (mask == 0) {
            return "Not tainted";
        }
        StringBuilder sb = new StringBuilder("Tainted: ");
        for (int i = 0; i < SET.length(); i++) {
            sb.append(test(i) ? SET.charAt(i) : UNSET.charAt(i));
        }
        return sb.toString();
    }
}
