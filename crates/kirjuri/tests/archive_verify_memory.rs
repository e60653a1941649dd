//! Issue 14: `kirjuri archive verify` on a hostile package keeps its memory bounded.
//!
//! A small zip can hold gigabytes of highly compressible entries. The verifier used to keep
//! every entry of up to 64 MiB in memory; a 2 MB upload took the server to 2.4 GB. It now
//! hashes entries as it reads them and keeps only the named metadata files, each under a cap.
//! (Since issue 17 it also refuses, unread, a package that unpacks to more than 100 times its
//! size, so this package carries incompressible padding to be read at all.)
//!
//! This file holds one test on purpose: the peak is read with `getrusage(RUSAGE_CHILDREN)`,
//! which reports the largest child this test process has waited for, so no other test's
//! children may run in the same process.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

mod common;

use std::io::Write as _;

use common::kirjuri;

const MIB: usize = 1024 * 1024;
/// Each hostile entry: 60 MiB of zeros, under the old 64 MiB "small file" limit.
const ENTRY_BYTES: usize = 60 * MIB;

/// The largest resident set of any child this process has waited for, in bytes.
fn peak_rss_of_children() -> u64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage only writes into the struct it is given, which is sized for it.
    #[allow(unsafe_code)]
    let status = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr()) };
    assert_eq!(status, 0, "getrusage failed");
    // SAFETY: getrusage returned 0, so it filled the struct (and zeroed() made it valid anyway).
    #[allow(unsafe_code)]
    let usage = unsafe { usage.assume_init() };
    // Linux reports ru_maxrss in KiB.
    u64::try_from(usage.ru_maxrss).unwrap() * 1024
}

/// A bag whose metadata names and payload entries are each 60 MiB of zeros.
fn write_hostile_package(path: &std::path::Path, payload_entries: usize) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(false);
    zip.start_file("bag/bagit.txt", options).unwrap();
    zip.write_all(b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        .unwrap();
    let zeros = vec![0u8; MIB];
    let mut names = vec!["bag/manifest-sha256.txt".to_owned(), "bag/data/pkg/METS.xml".to_owned()];
    names.extend((0..payload_entries).map(|n| format!("bag/data/pkg/zeros-{n}.bin")));
    for name in &names {
        zip.start_file(name.as_str(), options).unwrap();
        for _ in 0..ENTRY_BYTES / MIB {
            zip.write_all(&zeros).unwrap();
        }
    }
    // The verifier refuses a package that unpacks to more than 100 times its size (plus
    // 1 MiB) without reading it; incompressible padding keeps this one within that, so that
    // every entry is read and the memory it takes is what is measured.
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("bag/padding.bin", stored).unwrap();
    let unpacked = names.len() * ENTRY_BYTES;
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let padding: Vec<u8> = (0..unpacked / 100)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state.to_le_bytes()[0]
        })
        .collect();
    zip.write_all(&padding).unwrap();
    zip.finish().unwrap().flush().unwrap();
}

#[test]
fn hostile_package_is_verified_with_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let package = dir.path().join("hostile.zip");
    let payload_entries = 18;
    write_hostile_package(&package, payload_entries);
    let package_bytes = std::fs::metadata(&package).unwrap().len();
    let unpacked_bytes = (payload_entries as u64 + 2) * ENTRY_BYTES as u64;
    assert!(
        package_bytes < 32 * MIB as u64 && unpacked_bytes > 1024 * MIB as u64,
        "the package is small ({package_bytes} bytes) and unpacks to over 1 GiB ({unpacked_bytes})"
    );

    let run = kirjuri(&data, &["archive", "verify", package.to_str().unwrap(), "--json"]);
    let peak = peak_rss_of_children();
    eprintln!(
        "hostile verify: package {package_bytes} bytes, unpacked {unpacked_bytes} bytes, peak RSS {} MiB",
        peak / MIB as u64
    );

    assert_eq!(run.code, 1, "the package is rejected: {}", run.all());
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["files"], payload_entries + 4, "every entry was read and hashed");
    let problems: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    for oversized in ["manifest-sha256.txt", "data/pkg/METS.xml"] {
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(oversized) && p.contains("larger than")),
            "the oversized {oversized} is named: {problems:?}"
        );
    }
    assert!(
        peak < 200 * MIB as u64,
        "peak resident memory of `kirjuri archive verify` was {} MiB",
        peak / MIB as u64
    );
}
