package kernellab.runner.protocol;

/**
 * One level of a page walk.
 *
 * @param level the table: PGD, PUD, PMD or PTE
 * @param index the index the address selects in that table (9 bits of the address)
 * @param entry the entry found there, 0 if none
 * @param present whether the entry's present bit is set
 */
public record PageWalkLevel(String level, int index, long entry, boolean present) {
}
