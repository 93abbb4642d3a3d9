package org.xmppboot.demo;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.imageio.ImageIO;

/** A small bar chart of the bot's counts, as a PNG: what the demo sends through HTTP upload (XEP-0363). */
final class StatsChart {

    private static final int WIDTH = 420;
    private static final int BAR_HEIGHT = 28;

    private StatsChart() {
    }

    static byte[] png(Map<String, Long> counts) {
        int height = 50 + counts.size() * (BAR_HEIGHT + 12);
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setColor(Color.DARK_GRAY);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("xmpp-boot demo bot", 12, 26);
            long max = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
            int y = 44;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            for (Map.Entry<String, Long> count : counts.entrySet()) {
                int length = (int) (count.getValue() * (WIDTH - 180) / max);
                g.setColor(new Color(0x3b82f6));
                g.fillRect(150, y, Math.max(2, length), BAR_HEIGHT);
                g.setColor(Color.DARK_GRAY);
                g.drawString(count.getKey(), 12, y + 19);
                g.drawString(String.valueOf(count.getValue()), 156 + Math.max(2, length), y + 19);
                y += BAR_HEIGHT + 12;
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Map<String, Long> counts(long received, long sent, long answered) {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("messages in", received);
        counts.put("messages out", sent);
        counts.put("commands", answered);
        return counts;
    }
}
