package io.zkworkflow.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.zkworkflow.support.ZkRoot;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;

/**
 * Gives every znode under the zk-workflow root an ACL that lets only the configured identity
 * read and change it (plus optional read-only identities). The root znode itself may also be
 * read by the configured root readers (by default the local machine), so that an operator can
 * check its ACL without credentials; it holds no data. Znodes outside the root, such as
 * discovery's {@code /services}, keep ZooKeeper's open default.
 */
public class RootAclProvider implements ACLProvider {

	private final ZkRoot root;

	private final List<ACL> belowRootAcl;

	private final List<ACL> rootAcl;

	public RootAclProvider(ZkRoot root, DigestCredentials owner, List<DigestCredentials> readers,
			List<Id> rootReaders) {
		this.root = root;
		List<ACL> acl = new ArrayList<>();
		acl.add(new ACL(ZooDefs.Perms.ALL, owner.id()));
		for (DigestCredentials reader : readers) {
			acl.add(new ACL(ZooDefs.Perms.READ, reader.id()));
		}
		List<ACL> withRootReaders = new ArrayList<>(acl);
		for (Id rootReader : rootReaders) {
			withRootReaders.add(new ACL(ZooDefs.Perms.READ, rootReader));
		}
		// not List.copyOf: ZooKeeper probes the list with contains(null), which immutable lists reject
		this.belowRootAcl = Collections.unmodifiableList(acl);
		this.rootAcl = Collections.unmodifiableList(withRootReaders);
	}

	@Override
	public List<ACL> getDefaultAcl() {
		return ZooDefs.Ids.OPEN_ACL_UNSAFE;
	}

	@Override
	public List<ACL> getAclForPath(String path) {
		if (path.equals(this.root.path())) {
			return this.rootAcl;
		}
		return this.root.contains(path) ? this.belowRootAcl : ZooDefs.Ids.OPEN_ACL_UNSAFE;
	}

}
