package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"honoscope/app/cli"

	"honoscope/app/site"
)

func init() {
	register(cli.Command{
		Name:    "serve",
		Summary: "serve the static site on this machine",
		Run:     runServe,
	})
}

const serveUsage = `Usage: honoscope serve [--dir build] [--addr 127.0.0.1:8000] [--base PATH]

Serves the static site written by 'honoscope site' until interrupted
(Ctrl-C). It listens on the loopback address only, unless --addr names
another. The port defaults to $PORT when set, else 8000.

Options:
  --dir DIR     the site (default build)
  --addr ADDR   host:port to listen on (default 127.0.0.1:8000)
  --base PATH   the path to serve the site under (default: the path the
                site was built for, read from its manifest)

Exit status: 0 stopped by an interrupt, 1 could not serve, 2 wrong options.

Example:
  honoscope site && honoscope serve
`

func runServe(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8000"
	}
	fs := cli.NewFlagSet("serve")
	dir := fs.String("dir", "build", "")
	addr := fs.String("addr", net.JoinHostPort("127.0.0.1", port), "")
	baseFlag := fs.String("base", "", "")
	rest, code := cli.ParseArgs(fs, args, serveUsage, stdout, stderr)
	if code >= 0 {
		return code
	}
	if len(rest) > 0 {
		return cli.UsageError(stderr, "serve", "give the site directory with --dir, not as an argument")
	}
	if _, err := os.Stat(filepath.Join(*dir, "index.html")); err != nil {
		fmt.Fprintf(stderr, "honoscope serve: %s has no index.html: write the site first with 'honoscope site %s' (or run: make run)\n", *dir, *dir)
		return 1
	}
	base := site.SiteBase(*dir)
	if *baseFlag != "" {
		b, err := site.CleanBase(*baseFlag)
		if err != nil {
			return cli.UsageError(stderr, "serve", err.Error())
		}
		base = b
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "honoscope serve: %v: choose another port with --addr or PORT\n", err)
		return 1
	}
	srv := &http.Server{
		Handler:           site.WithHostHeaders(site.StaticHandler(*dir, base, "no-cache")),
		ReadHeaderTimeout: 10 * time.Second,
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	fmt.Fprintf(stdout, "Serving %s on http://%s%s (Ctrl-C to stop)\n", *dir, ln.Addr(), base)
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "honoscope serve: %v\n", err)
		return 1
	}
	return 0
}
