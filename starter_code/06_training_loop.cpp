// Chapter 6 program: placeholder, written next.
int main() {
    return 0;
}
