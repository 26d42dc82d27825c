package kernellab.ui.robot;

import java.io.File;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves what is on the screen as PNG files, for the README and for the reports of failed steps. Call on the UI thread. */
public final class Screenshots {

    private Screenshots() {
    }

    /**
     * Saves what a shell shows, after painting everything pending.
     *
     * @return the file written
     */
    public static File save(Shell shell, File file) {
        return save(shell.getDisplay(), shell.getBounds(), file);
    }

    /**
     * Saves the whole screen: the workbench window with every dialog on top of it.
     *
     * @return the file written
     */
    public static File saveScreen(Display display, File file) {
        return save(display, display.getBounds(), file);
    }

    private static File save(Display display, Rectangle bounds, File file) {
        while (display.readAndDispatch()) {
            // paint everything first
        }
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            file.getAbsoluteFile().getParentFile().mkdirs();
            loader.save(file.getAbsolutePath(), SWT.IMAGE_PNG);
            return file;
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
