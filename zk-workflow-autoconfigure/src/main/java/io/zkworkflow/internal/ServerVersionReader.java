package io.zkworkflow.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.zookeeper.client.ConnectStringParser;
import org.jspecify.annotations.Nullable;

/**
 * Reads a ZooKeeper server's version with the {@code srvr} four-letter word, the one command
 * servers allow by default since 3.5. Used only to explain a failed feature probe: a server
 * with four-letter words turned off gives no version, which is reported as unknown.
 */
public final class ServerVersionReader {

	private static final Pattern VERSION = Pattern.compile("Zookeeper version: (\\d+\\.\\d+\\.\\d+)");

	private static final int MAX_REPLY = 8 * 1024;

	private final Duration timeout;

	public ServerVersionReader(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Ask the servers of a connect string, in order, for their version.
	 * @param connectString the client's connect string, with or without a chroot
	 * @return the first version a server reported, or {@code null} when none did
	 */
	public @Nullable String read(String connectString) {
		for (InetSocketAddress address : new ConnectStringParser(connectString).getServerAddresses()) {
			String version = parse(srvr(address));
			if (version != null) {
				return version;
			}
		}
		return null;
	}

	private String srvr(InetSocketAddress address) {
		int millis = (int) this.timeout.toMillis();
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), millis);
			socket.setSoTimeout(millis);
			OutputStream out = socket.getOutputStream();
			out.write("srvr".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readNBytes(MAX_REPLY), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Whether a version is at least {@code major.minor}.
	 * @param version a version as {@code major.minor.patch}
	 * @param major the major version to compare with
	 * @param minor the minor version to compare with
	 * @return {@code true} if the version is that one or later
	 */
	public static boolean isAtLeast(String version, int major, int minor) {
		String[] parts = version.split("\\.");
		int actualMajor = Integer.parseInt(parts[0]);
		int actualMinor = (parts.length > 1) ? Integer.parseInt(parts[1]) : 0;
		return (actualMajor != major) ? actualMajor > major : actualMinor >= minor;
	}

	/**
	 * Extract the version from a {@code srvr} reply such as
	 * {@code "Zookeeper version: 3.5.10-c1d0c9b7..., built on ..."}.
	 * @param reply the server's reply
	 * @return the version as {@code major.minor.patch}, or {@code null} when the reply has none
	 * (for example "srvr is not executed because it is not in the whitelist.")
	 */
	public static @Nullable String parse(String reply) {
		Matcher matcher = VERSION.matcher(reply);
		return matcher.find() ? matcher.group(1) : null;
	}

}
