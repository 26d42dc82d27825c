package kernellab.ui.views;

/**
 * A task selected in one KernelLab view (a run-queue row, a run in the CPU timeline); the other
 * views select the same task. It is what their parts offer to the workbench's selection service.
 *
 * @param pid the task's pid
 * @param comm its command name
 */
public record SelectedTask(int pid, String comm) {
}
