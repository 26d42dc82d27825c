package kernellab.ui.robot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Item;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.swt.widgets.Widget;

/**
 * Finds real SWT widgets by what a user sees (labels, item texts, tool tips) and operates them
 * with the events a click sends, so that JFace viewers, dialogs and commands react as they do to
 * a user. Shared by the workbench tests and the journey robot (SWTBot is not on Maven Central).
 * Every method must run on the UI thread; a missing or disabled widget is an {@link AssertionError}
 * naming it.
 */
public final class Widgets {

    private Widgets() {
    }

    /** @return the first control of {@code type} below {@code root} (depth first) that matches, or {@code null} */
    public static <T extends Control> T find(Composite root, Class<T> type, Predicate<? super T> matching) {
        for (Control child : root.getChildren()) {
            if (type.isInstance(child) && matching.test(type.cast(child))) {
                return type.cast(child);
            }
            if (child instanceof Composite composite) {
                T found = find(composite, type, matching);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** @return the first control of {@code type} below {@code root}, or {@code null} */
    public static <T extends Control> T find(Composite root, Class<T> type) {
        return find(root, type, c -> true);
    }

    /** @return the first visible text field below {@code root}, or {@code null} */
    public static Text firstText(Composite root) {
        return find(root, Text.class, Text::isVisible);
    }

    /**
     * @return the control below {@code root} tagged with widget data {@code key} = {@code value}
     *         (KernelLab's dialogs and tabs tag their fields so)
     * @throws AssertionError if there is none
     */
    public static Control tagged(Composite root, String key, Object value) {
        Control found = find(root, Control.class, c -> value.equals(c.getData(key)));
        if (found == null) {
            throw new AssertionError("no control with " + key + "=" + value);
        }
        return found;
    }

    /** @return the button labelled {@code label} (mnemonics ignored), or {@code null} */
    public static Button button(Composite root, String label) {
        return find(root, Button.class, b -> plain(b.getText()).equals(plain(label)));
    }

    /**
     * @return the enabled button labelled {@code label}
     * @throws AssertionError if it is missing or disabled
     */
    public static Button enabledButton(Composite root, String label) {
        Button button = button(root, label);
        if (button == null) {
            throw new AssertionError("no button " + plain(label));
        }
        if (!button.isEnabled()) {
            throw new AssertionError(plain(label) + " is disabled");
        }
        return button;
    }

    /** Presses the enabled button labelled {@code label}, as a click does. */
    public static void press(Composite root, String label) {
        click(enabledButton(root, label));
    }

    /** Sends the selection event of a click (buttons, menu and tool items). */
    public static void click(Widget widget) {
        if (!widget.isDisposed()) {
            widget.notifyListeners(SWT.Selection, new Event());
        }
    }

    /** @return the tool item whose tool tip starts with {@code tooltip} (mnemonics ignored), or {@code null} */
    public static ToolItem toolItem(ToolBar toolBar, String tooltip) {
        for (ToolItem item : toolBar.getItems()) {
            if (item.getToolTipText() != null && plain(item.getToolTipText()).startsWith(plain(tooltip))) {
                return item;
            }
        }
        return null;
    }

    /**
     * Chooses an item of a combo box as a user does, so its modify and selection listeners run.
     *
     * @throws AssertionError if the combo has no such item
     */
    public static void choose(Combo combo, String item) {
        int index = combo.indexOf(item);
        if (index < 0) {
            throw new AssertionError("no item '" + item + "' in " + List.of(combo.getItems()));
        }
        combo.select(index);
        combo.notifyListeners(SWT.Modify, new Event());
        combo.notifyListeners(SWT.Selection, new Event());
    }

    /**
     * The text as a user reads it: without the mnemonic {@code &}, without the accelerator after a
     * tab, with the ellipsis character written as three dots.
     */
    public static String plain(String text) {
        String label = text.replace("&&", "\u0000").replace("&", "").replace('\u0000', '&');
        int tab = label.indexOf('\t');
        return (tab >= 0 ? label.substring(0, tab) : label).replace("\u2026", "...").strip();
    }

    /** @return the texts of a table row, one per column */
    public static List<String> cells(TableItem item) {
        int columns = Math.max(1, item.getParent().getColumnCount());
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            cells.add(item.getText(c));
        }
        return cells;
    }

    /** @return every row of a table as its cells by column title, in column order */
    public static List<Map<String, String>> rows(Table table) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < table.getColumnCount(); c++) {
                row.put(table.getColumn(c).getText(), item.getText(c));
            }
            rows.add(row);
        }
        return rows;
    }

    /** @return the texts of row {@code row} of a table, one per column */
    public static List<String> cells(Table table, int row) {
        return cells(table.getItem(row));
    }

    /** @return the texts of row {@code item} of a tree, one per column */
    public static List<String> cells(TreeItem item) {
        int columns = Math.max(1, item.getParent().getColumnCount());
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            cells.add(item.getText(c));
        }
        return cells;
    }

    /** @return the texts of every item of a tree, depth first (collapsed items' children included) */
    public static List<String> texts(Tree tree) {
        List<String> texts = new ArrayList<>();
        collect(tree.getItems(), texts);
        return texts;
    }

    /**
     * @return every item of a check-box tree, depth first, as a user sees its box: {@code "[x] text"}
     *         checked, {@code "[-] text"} grayed (a parent with only some children checked),
     *         {@code "[ ] text"} not checked
     */
    public static List<String> checkStates(Tree tree) {
        List<String> states = new ArrayList<>();
        for (TreeItem item : tree.getItems()) {
            states.addAll(checkStates(item));
        }
        return states;
    }

    /** @return an item of a check-box tree and its descendants, depth first, as {@link #checkStates(Tree)} shows them */
    public static List<String> checkStates(TreeItem item) {
        List<String> states = new ArrayList<>();
        states.add((!item.getChecked() ? "[ ] " : item.getGrayed() ? "[-] " : "[x] ") + item.getText());
        for (TreeItem child : item.getItems()) {
            states.addAll(checkStates(child));
        }
        return states;
    }

    private static void collect(TreeItem[] items, List<String> texts) {
        for (TreeItem item : items) {
            texts.add(item.getText());
            collect(item.getItems(), texts);
        }
    }

    /** @return the item among {@code items} whose text, as a user reads it, is {@code label}, or {@code null} */
    public static <I extends Item> I item(I[] items, String label) {
        for (I item : items) {
            if (plain(item.getText()).equals(plain(label))) {
                return item;
            }
        }
        return null;
    }

    /** @return the first item of a tree, depth first, whose text matches, or {@code null} */
    public static TreeItem item(Tree tree, Predicate<String> text) {
        return item(tree.getItems(), text);
    }

    private static TreeItem item(TreeItem[] items, Predicate<String> text) {
        for (TreeItem item : items) {
            if (text.test(item.getText())) {
                return item;
            }
            TreeItem found = item(item.getItems(), text);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Expands a tree item as a click on its arrow does: the tree's viewer creates the children. */
    public static void expand(TreeItem item) {
        Event event = new Event();
        event.item = item;
        item.getParent().notifyListeners(SWT.Expand, event);
        item.setExpanded(true);
    }

    /** Collapses a tree item as a click on its arrow does. */
    public static void collapse(TreeItem item) {
        Event event = new Event();
        event.item = item;
        item.getParent().notifyListeners(SWT.Collapse, event);
        item.setExpanded(false);
    }

    /** Selects a tree item as a click does: the tree's viewer and selection listeners see it. */
    public static void select(TreeItem item) {
        Tree tree = item.getParent();
        tree.setFocus();
        tree.setSelection(item);
        Event event = new Event();
        event.item = item;
        tree.notifyListeners(SWT.Selection, event);
    }

    /** Opens a tree item as a double click does (a file opens in its editor). */
    public static void open(TreeItem item) {
        select(item);
        Event event = new Event();
        event.item = item;
        item.getParent().notifyListeners(SWT.DefaultSelection, event);
    }

    /** Selects a table item as a click does: the table's viewer and selection listeners see it. */
    public static void select(TableItem item) {
        Table table = item.getParent();
        table.setFocus();
        table.setSelection(item);
        Event event = new Event();
        event.item = item;
        table.notifyListeners(SWT.Selection, event);
    }

    /** Ticks or clears a check box of a table row as a click on it does (check-box viewers listen to it). */
    public static void check(TableItem item, boolean checked) {
        item.setChecked(checked);
        Event event = new Event();
        event.item = item;
        event.detail = SWT.CHECK;
        item.getParent().notifyListeners(SWT.Selection, event);
    }

    /** Ticks or clears a check box of a tree row as a click on it does (check-box viewers listen to it). */
    public static void check(TreeItem item, boolean checked) {
        item.setChecked(checked);
        Event event = new Event();
        event.item = item;
        event.detail = SWT.CHECK;
        item.getParent().notifyListeners(SWT.Selection, event);
    }

    /**
     * Opens a menu as a right click or a click on its title does, so that its contributions are
     * filled in, and finds an item in it.
     *
     * @return the item labelled {@code label} (mnemonics, accelerators and a leading "1 " of a
     *         numbered list ignored)
     * @throws AssertionError if there is none; the message lists the items there are
     */
    public static MenuItem menuItem(Menu menu, String label) {
        menu.notifyListeners(SWT.Show, new Event());
        List<String> seen = new ArrayList<>();
        for (MenuItem item : menu.getItems()) {
            String text = plain(item.getText()).replaceFirst("^\\d+ ", "");
            if (text.equals(plain(label))) {
                return item;
            }
            seen.add(text);
        }
        throw new AssertionError("no menu item '" + label + "' in " + seen);
    }

    /** Closes a menu that {@link #menuItem} opened, as a click elsewhere does. */
    public static void hide(Menu menu) {
        if (!menu.isDisposed()) {
            menu.notifyListeners(SWT.Hide, new Event());
        }
    }

    /** @return the shell's controls as an indented list (type, text, tool tip), for the reports of failed steps */
    public static String dump(Shell shell) {
        StringBuilder out = new StringBuilder("Shell \"" + shell.getText() + "\"\n");
        dump(shell, "  ", out);
        return out.toString();
    }

    private static void dump(Composite parent, String indent, StringBuilder out) {
        for (Control c : parent.getChildren()) {
            if (!c.isVisible()) {
                continue;
            }
            out.append(indent).append(c.getClass().getSimpleName());
            String text = switch (c) {
                case Button b -> b.getText();
                case Label l -> l.getText();
                case Text t -> t.getText();
                case Combo combo -> combo.getText();
                case Shell s -> s.getText();
                default -> "";
            };
            if (!text.isEmpty()) {
                out.append(" \"").append(text.replace("\n", "\\n")).append('"');
            }
            if (!c.isEnabled()) {
                out.append(" (disabled)");
            }
            out.append('\n');
            switch (c) {
                case Table t -> {
                    for (int row = 0; row < Math.min(t.getItemCount(), 30); row++) {
                        out.append(indent).append("  | ").append(String.join(" | ", cells(t, row))).append('\n');
                    }
                }
                case Tree t -> ((t.getStyle() & SWT.CHECK) != 0 ? checkStates(t) : texts(t)).stream().limit(40)
                        .forEach(s -> out.append(indent).append("  - ").append(s).append('\n'));
                case ToolBar bar -> {
                    for (ToolItem item : bar.getItems()) {
                        out.append(indent).append("  [").append(item.getToolTipText()).append("]\n");
                    }
                }
                default -> {
                }
            }
            if (c instanceof Composite composite) {
                dump(composite, indent + "  ", out);
            }
        }
    }
}
