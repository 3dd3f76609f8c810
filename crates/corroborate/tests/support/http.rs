//! A tiny HTTP/1.1 server on a loopback address for the URL-fetching tests: it answers each
//! request path from a fixed table, one connection at a time, until the test process ends.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};

/// One canned answer.
pub(crate) struct Route {
    /// The request path it answers (`/a/b.html`).
    pub(crate) path: String,
    /// The status line's code.
    pub(crate) status: u16,
    /// Extra headers (`Content-Type`, `Location`).
    pub(crate) headers: Vec<(String, String)>,
    /// The body.
    pub(crate) body: Vec<u8>,
}

impl Route {
    /// A 200 answer with this content type.
    pub(crate) fn ok(path: &str, content_type: &str, body: impl Into<Vec<u8>>) -> Route {
        Route {
            path: path.to_string(),
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// A 302 redirect to `location`.
    pub(crate) fn redirect(path: &str, location: &str) -> Route {
        Route {
            path: path.to_string(),
            status: 302,
            headers: vec![("Location".into(), location.into())],
            body: Vec::new(),
        }
    }
}

/// Binds `ip:0` and returns the listener and its address, so routes can name the port.
pub(crate) fn bind(ip: &str) -> (TcpListener, SocketAddr) {
    let listener = TcpListener::bind((ip, 0)).expect("bind a loopback port");
    let addr = listener.local_addr().expect("local address");
    (listener, addr)
}

/// Serves `routes` on `listener` in a background thread; unknown paths get a 404.
pub(crate) fn serve(listener: TcpListener, routes: Vec<Route>) {
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            answer(stream, &routes);
        }
    });
}

fn answer(mut stream: TcpStream, routes: &[Route]) {
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Skip the headers; the requests carry no body.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let not_found = Route { path: path.into(), status: 404, headers: vec![], body: b"no".to_vec() };
    let route = routes.iter().find(|r| r.path == path).unwrap_or(&not_found);
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        route.status,
        route.body.len()
    );
    for (name, value) in &route.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&route.body);
}
