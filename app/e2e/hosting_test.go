//go:build !(js && wasm)

package e2e

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"honoscope/app/route"
)

// A host is a real web server from Debian, run with its stock
// configuration (only the port and the document root changed), serving a
// folder as a trust's web server would serve the built site.
type host struct {
	name string
	// binary is what must be installed for the host to run.
	binary string
	// start serves root on 127.0.0.1:port and returns a function that
	// stops the server.
	start func(t *testing.T, root string, port int) (stop func(), err error)
}

var hosts = []host{
	{name: "nginx", binary: "/usr/sbin/nginx", start: startNginx},
	{name: "apache", binary: "/usr/sbin/apache2", start: startApache},
	{name: "python", binary: "python3", start: startPython},
}

// freePort returns a loopback port nothing listens on now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// startNginx runs Debian's nginx with its default site (sites-available/
// default: `try_files $uri $uri/ =404`), its listen address and root
// changed, in the foreground.
func startNginx(t *testing.T, root string, port int) (func(), error) {
	return startNginxWith(t, root, port, "")
}

// startNginxWith is startNginx with extra directives in the server block.
func startNginxWith(t *testing.T, root string, port int, extra string) (func(), error) {
	site, err := os.ReadFile("/etc/nginx/sites-available/default")
	if err != nil {
		return nil, err
	}
	var server []string
	for _, line := range strings.Split(string(site), "\n") {
		l := strings.TrimSpace(line)
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
			continue
		case strings.HasPrefix(l, "listen [::]"):
			continue
		case strings.HasPrefix(l, "listen "):
			line = fmt.Sprintf("\tlisten 127.0.0.1:%d default_server;", port)
		case strings.HasPrefix(l, "root "):
			line = "\troot " + root + ";"
			if extra != "" {
				line += "\n" + extra
			}
		}
		server = append(server, line)
	}
	dir := t.TempDir()
	conf := fmt.Sprintf(`worker_processes 1;
pid %[1]s/nginx.pid;
error_log %[1]s/error.log;
events { worker_connections 64; }
http {
	sendfile on;
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log %[1]s/access.log;
	client_body_temp_path %[1]s/body;
	proxy_temp_path %[1]s/proxy;
	fastcgi_temp_path %[1]s/fastcgi;
	uwsgi_temp_path %[1]s/uwsgi;
	scgi_temp_path %[1]s/scgi;
%[2]s
}
`, dir, strings.Join(server, "\n"))
	if os.Geteuid() == 0 {
		conf = "user www-data;\n" + conf
	}
	if err := os.WriteFile(filepath.Join(dir, "nginx.conf"), []byte(conf), 0o644); err != nil {
		return nil, err
	}
	return run(t, dir, exec.Command("/usr/sbin/nginx", "-p", dir, "-c", filepath.Join(dir, "nginx.conf"), "-g", "daemon off;"))
}

// startApache runs Debian's Apache httpd with the modules Debian enables
// by default and their configuration (mods-enabled), and the document
// root as Debian's apache2.conf and 000-default.conf set up /var/www: no
// rewrites, no .htaccess.
func startApache(t *testing.T, root string, port int) (func(), error) {
	return startApacheWith(t, root, port, "")
}

// startApacheWith is startApache with extra directives at the end of the
// configuration.
func startApacheWith(t *testing.T, root string, port int, extra string) (func(), error) {
	dir := t.TempDir()
	conf := fmt.Sprintf(`DefaultRuntimeDir %[1]s
PidFile %[1]s/apache2.pid
Mutex file:%[1]s default
ErrorLog %[1]s/error.log
LogLevel warn
ServerName 127.0.0.1
Listen 127.0.0.1:%[2]d
IncludeOptional /etc/apache2/mods-enabled/*.load
IncludeOptional /etc/apache2/mods-enabled/*.conf
<Directory />
	Options FollowSymLinks
	AllowOverride None
	Require all denied
</Directory>
<Directory %[3]s>
	Options Indexes FollowSymLinks
	AllowOverride None
	Require all granted
</Directory>
DocumentRoot %[3]s
AccessFileName .htaccess
%[4]s
`, dir, port, root, extra)
	if os.Geteuid() == 0 {
		conf = "User www-data\nGroup www-data\n" + conf
	}
	if err := os.WriteFile(filepath.Join(dir, "apache2.conf"), []byte(conf), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command("/usr/sbin/apache2", "-f", filepath.Join(dir, "apache2.conf"), "-DFOREGROUND")
	cmd.Env = append(os.Environ(), "APACHE_RUN_DIR="+dir, "APACHE_LOCK_DIR="+dir, "APACHE_LOG_DIR="+dir,
		"APACHE_PID_FILE="+dir+"/apache2.pid", "APACHE_RUN_USER=www-data", "APACHE_RUN_GROUP=www-data")
	return run(t, dir, cmd)
}

// startPython runs python's http.server on root.
func startPython(t *testing.T, root string, port int) (func(), error) {
	return run(t, t.TempDir(), exec.Command("python3", "-m", "http.server", fmt.Sprint(port), "--bind", "127.0.0.1", "--directory", root))
}

// run starts cmd with its output in dir/output.log and returns a function
// that stops it; the log is shown when the test fails.
func run(t *testing.T, dir string, cmd *exec.Cmd) (func(), error) {
	out, err := os.Create(filepath.Join(dir, "output.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = out, out
	// The server runs in a process group of its own, so that stopping it
	// stops its workers too: killing only nginx's or Apache's master would
	// leave them serving after the test.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	stop := func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
		}
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
		out.Close()
	}
	t.Cleanup(func() {
		select {
		case <-done:
		default:
			stop()
		}
		if t.Failed() {
			for _, f := range []string{"output.log", "error.log"} {
				if b, err := os.ReadFile(filepath.Join(dir, f)); err == nil && len(b) > 0 {
					t.Logf("%s:\n%s", f, b)
				}
			}
		}
	})
	return stop, nil
}

// publish copies the built site into a new folder that any user can read
// (a server that drops its privileges reads it as www-data), at base: the
// folder itself for "/", a honoscope folder inside it for "/honoscope/".
func publish(t *testing.T, built *Site) string {
	t.Helper()
	root, err := os.MkdirTemp("", "honoscope-host-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	dst := filepath.Join(root, filepath.FromSlash(strings.Trim(built.Base, "/")))
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("cp", "-R", built.Dir+"/.", dst+"/").CombinedOutput(); err != nil {
		t.Fatalf("copying the site: %v\n%s", err, out)
	}
	if out, err := exec.Command("chmod", "-R", "a+rX", root).CombinedOutput(); err != nil {
		t.Fatalf("chmod: %v\n%s", err, out)
	}
	return root
}

// waitServing waits until origin answers.
func waitServing(t *testing.T, url string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		res, err := http.Get(url)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s does not answer: %v", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// The built site, unchanged, on real stock web servers, at the root and
// under a sub-path: a deep link to /rate opens the form, a rating is saved,
// /rate reloads, and after one visit every page starts offline from the
// service worker's copy.
func TestTheSiteRunsOnStockWebServersAsItIs(t *testing.T) {
	t.Parallel()
	require := os.Getenv(RequireEnv) == "1"
	for _, h := range hosts {
		for _, base := range bases {
			t.Run(h.name+base, func(t *testing.T) {
				t.Parallel()
				if _, err := exec.LookPath(h.binary); err != nil {
					if require {
						t.Fatalf("%s is not installed (%v): the CI script installs it", h.binary, err)
					}
					t.Skipf("%s is not installed: apt-get install -y nginx apache2 python3", h.binary)
				}
				RequireBrowser(t)
				built := BuildSite(t, base)
				root := publish(t, built)
				port := freePort(t)
				stop, err := h.start(t, root, port)
				if err != nil {
					t.Fatal(err)
				}
				origin := fmt.Sprintf("http://127.0.0.1:%d", port)
				waitServing(t, origin+built.Base)
				hostedFlow(t, StartHosted(t, built, origin, stop))
			})
		}
	}
}

// hostedFlow rates and saves on /rate opened by a deep link, reloads it,
// then starts every page offline.
func hostedFlow(t *testing.T, s *Session) {
	openRate(s, "/rate")
	typeLabel(s, "HOST-1")
	var ok bool
	s.Eval(`document.getElementById("rf-item-1-0").focus(), true`, &ok)
	for _, k := range []string{"2", "1", "0", "2", "3", "0", "0", "0", "2", "1", "2", "1"} {
		press(s, k)
	}
	s.Run(Poll(`document.activeElement && document.activeElement.id === "rf-save"`, nil, 5*time.Second))
	press(s, kb.Enter)
	s.Run(Poll(`(() => { const m = document.getElementById("rate-saved"); return !!m && m.textContent.includes("HOST-1"); })()`, nil,
		5*time.Second))

	// A reload of the deep link lands on the page's folder and runs again.
	s.Run(chromedp.Reload())
	s.Run(chromedp.WaitNotPresent("#app-wasm-loader", chromedp.ByQuery), chromedp.WaitVisible("#rf-save", chromedp.ByQuery))
	var path string
	s.Eval(`location.pathname`, &path)
	if want := strings.TrimSuffix(s.Site.Base, "/") + "/rate/"; path != want {
		t.Errorf("after the reload the address is %s, want %s", path, want)
	}

	s.WaitOffline()
	s.Server.Stop()
	s.Restart()
	for _, p := range route.Paths() {
		s.Open(p)
		if got := s.Text("main#main h1"); got == "" {
			t.Errorf("%s offline: empty h1", p)
		}
	}
	s.Open("/people")
	s.Run(Poll(`!!document.querySelector(".people-table")`, nil, 5*time.Second))
	if row := s.Text(".people-table tbody tr"); !regexp.MustCompile(`HOST-1.*14/48`).MatchString(row) {
		t.Errorf("offline, the saved rating reads %q", row)
	}
}
