// Command etcd is the stock etcd v3.6 server entry point, built from Go modules
// so the end-to-end control plane (../control-plane.sh) needs no system package.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
