package org.xmppboot.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Hashtable;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds an XMPP domain's client servers from DNS SRV records (RFC 6120 §3.2.1, XEP-0368) with the JDK's JNDI
 * DNS provider: {@code _xmpps-client._tcp} (direct TLS) first, then {@code _xmpp-client._tcp}, each in RFC 2782
 * order. No records means the fallback: the domain itself on port 5222.
 */
public class SrvResolver {

    private static final Logger log = LoggerFactory.getLogger(SrvResolver.class);

    /** One SRV record. */
    record Srv(int priority, int weight, int port, String target) {
    }

    /** The addresses to try, in order. */
    public List<HostAddress> resolve(String domain) {
        List<HostAddress> addresses = new ArrayList<>();
        for (Srv srv : order(lookup("_xmpps-client._tcp." + domain), ThreadLocalRandom.current())) {
            addresses.add(new HostAddress(srv.target, srv.port, true));
        }
        for (Srv srv : order(lookup("_xmpp-client._tcp." + domain), ThreadLocalRandom.current())) {
            addresses.add(new HostAddress(srv.target, srv.port, false));
        }
        if (addresses.isEmpty()) {
            addresses.add(new HostAddress(domain, 5222, false));
        }
        return addresses;
    }

    /** The SRV records of a name; none when there are none or DNS cannot be asked. */
    protected List<Srv> lookup(String name) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        List<Srv> records = new ArrayList<>();
        try {
            DirContext context = new InitialDirContext(env);
            try {
                Attribute srv = context.getAttributes(name, new String[] {"SRV"}).get("SRV");
                if (srv != null) {
                    NamingEnumeration<?> values = srv.getAll();
                    while (values.hasMore()) {
                        Srv parsed = parse(values.next().toString());
                        if (parsed != null) {
                            records.add(parsed);
                        }
                    }
                }
            } finally {
                context.close();
            }
        } catch (NamingException e) {
            log.debug("No SRV records for {}: {}", name, e.toString());
        }
        // RFC 2782: a single record with target "." means the service is decidedly not available here.
        if (records.size() == 1 && records.get(0).target.isEmpty()) {
            return List.of();
        }
        return records;
    }

    static @Nullable Srv parse(String record) {
        String[] parts = record.trim().split("\\s+");
        if (parts.length != 4) {
            return null;
        }
        try {
            String target = parts[3].endsWith(".") ? parts[3].substring(0, parts[3].length() - 1) : parts[3];
            return new Srv(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    target);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * RFC 2782's order: lowest priority first; within one priority, a weighted random draw, repeated over the
     * records not yet drawn (weight 0 records come first in the running sum, so they are rarely picked first).
     */
    static List<Srv> order(List<Srv> records, Random random) {
        List<Srv> sorted = new ArrayList<>(records);
        sorted.removeIf(r -> r.target.isEmpty());
        sorted.sort(Comparator.comparingInt(Srv::priority));
        List<Srv> ordered = new ArrayList<>(sorted.size());
        int i = 0;
        while (i < sorted.size()) {
            int priority = sorted.get(i).priority;
            List<Srv> group = new ArrayList<>();
            while (i < sorted.size() && sorted.get(i).priority == priority) {
                group.add(sorted.get(i++));
            }
            group.sort(Comparator.comparingInt(Srv::weight));
            while (!group.isEmpty()) {
                int total = group.stream().mapToInt(Srv::weight).sum();
                int pick = total == 0 ? 0 : random.nextInt(total + 1);
                int running = 0;
                for (int k = 0; k < group.size(); k++) {
                    running += group.get(k).weight;
                    if (running >= pick) {
                        ordered.add(group.remove(k));
                        break;
                    }
                }
            }
        }
        return ordered;
    }
}
