package io.zkworkflow.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.zkworkflow.support.ZkRoot;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * Gives every znode under the zk-workflow root an ACL that lets only the configured identity
 * read and change it (plus optional read-only identities). Znodes outside the root, such as
 * discovery's {@code /services}, keep ZooKeeper's open default.
 */
public class RootAclProvider implements ACLProvider {

	private final ZkRoot root;

	private final List<ACL> rootAcl;

	public RootAclProvider(ZkRoot root, DigestCredentials owner, List<DigestCredentials> readers) {
		this.root = root;
		List<ACL> acl = new ArrayList<>();
		acl.add(new ACL(ZooDefs.Perms.ALL, owner.id()));
		for (DigestCredentials reader : readers) {
			acl.add(new ACL(ZooDefs.Perms.READ, reader.id()));
		}
		// not List.copyOf: ZooKeeper probes the list with contains(null), which immutable lists reject
		this.rootAcl = Collections.unmodifiableList(acl);
	}

	@Override
	public List<ACL> getDefaultAcl() {
		return ZooDefs.Ids.OPEN_ACL_UNSAFE;
	}

	@Override
	public List<ACL> getAclForPath(String path) {
		return this.root.contains(path) ? this.rootAcl : ZooDefs.Ids.OPEN_ACL_UNSAFE;
	}

}
