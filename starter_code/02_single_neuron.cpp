// Chapter 2 program: placeholder, written next.
int main() {
    return 0;
}
